#!/usr/bin/env bash
# Runs the development Neo4j (community engine embedded in org.poxledger.launcher.Neo4jLauncher) in the foreground.
# Prints "Neo4j ready at bolt://127.0.0.1:<port>" once queries can run; SIGTERM stops it cleanly.
#
# Environment:
#   POX_NEO4J_BOLT_PORT   Bolt port on 127.0.0.1 (default 7687)
#   POX_NEO4J_DATA        DBMS home directory (default <repo>/.pox/neo4j)
#   POX_NEO4J_PIDFILE     pid file, written at start and removed at a clean stop (optional)
#   POX_NEO4J_JAVA_OPTS   JVM options (default: -Xms256m -Xmx2g)
#   JAVA_HOME             a JDK 21 or newer (Neo4j 2026 needs Java 21); otherwise `java` on the PATH
#
# Needs the module built first (it writes target/classpath.txt):
#   mvn -B -q -pl neo4j-launcher -am package -DskipTests
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
classes="$here/target/classes"
classpath_file="$here/target/classpath.txt"

fail() {
    echo "neo4j-launcher/run.sh: $*" >&2
    exit 1
}

[[ -d "$classes" && -s "$classpath_file" ]] ||
    fail "$classpath_file is missing; build first: mvn -B -q -pl neo4j-launcher -am package -DskipTests"

java_bin="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
    java_bin="$JAVA_HOME/bin/java"
fi
command -v "$java_bin" >/dev/null 2>&1 || fail "no java at '$java_bin' (set JAVA_HOME to a JDK 21 or newer)"

java_version="$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
[[ "${java_version%%.*}" =~ ^[0-9]+$ ]] || fail "cannot tell the version of $java_bin"
((${java_version%%.*} >= 21)) ||
    fail "$java_bin is Java $java_version; Neo4j 2026 needs Java 21 or newer (set JAVA_HOME)"

export POX_NEO4J_DATA="${POX_NEO4J_DATA:-$repo/.pox/neo4j}"
mkdir -p "$POX_NEO4J_DATA"

read -r -a java_opts <<<"${POX_NEO4J_JAVA_OPTS:--Xms256m -Xmx2g}"
# Neo4j loads native code (JNA) and, on JDK 23+, uses sun.misc.Unsafe memory access: allow both explicitly rather
# than print the JDK's warnings on every start.
java_opts+=(--enable-native-access=ALL-UNNAMED)
if ((${java_version%%.*} >= 23)); then
    java_opts+=(--sun-misc-unsafe-memory-access=allow)
fi

# exec: the JVM takes this shell's pid, so SIGTERM from the Makefile reaches its shutdown hook directly.
exec "$java_bin" "${java_opts[@]}" -cp "$classes:$(<"$classpath_file")" org.poxledger.launcher.Neo4jLauncher
