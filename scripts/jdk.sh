#!/usr/bin/env bash
# Prints the JAVA_HOME of a JDK >= 21: $JAVA_HOME when it qualifies, else the newest under /usr/lib/jvm.
# Neo4j 2026.x and our Java 21 build refuse older JDKs, and the machines default to 17, hence the search.
set -euo pipefail

major_of() {
    local version
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    echo "${version%%.*}"
}

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" ]] && (( $(major_of "$JAVA_HOME") >= 21 )); then
    echo "$JAVA_HOME"
    exit 0
fi

best="" best_major=0
for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/javac" ]] || continue
    major=$(major_of "$candidate")
    if (( major > best_major )); then
        best="$candidate" best_major=$major
    fi
done

if (( best_major < 21 )); then
    echo "error: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm has none)." >&2
    echo "       Install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
    exit 1
fi
echo "$best"
