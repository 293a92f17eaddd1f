#!/usr/bin/env bash
# Starts the product: Neo4j (the launcher, unless POX_NEO4J_URI names another server), the ledger (the local
# Fabric network, or the embedded ledger), and the platform server in the foreground. Ctrl-C stops exactly
# the processes this script started, by pid.
#   scripts/run.sh fabric | embedded | rebuild-graph
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
ROOT=$PWD
MODE=${1:-fabric}
STATE=$ROOT/.pox
mkdir -p "$STATE/logs"

started_pids=()
network_started=0
stop_started() {
    trap - INT TERM EXIT
    for pid in "${started_pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    if (( network_started )); then
        network-config/network.sh down || true
    fi
}
trap stop_started INT TERM EXIT

# The HMAC key for account hashes must never change once accounts are registered: generate it once, keep it.
if [[ -z "${POX_ACCOUNT_HASH_SECRET:-}" ]]; then
    secret_file=$STATE/account-hash.secret
    if [[ ! -s $secret_file ]]; then
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$secret_file")
    fi
    POX_ACCOUNT_HASH_SECRET=$(cat "$secret_file")
    export POX_ACCOUNT_HASH_SECRET
fi

start_neo4j() {
    if [[ -n "${POX_NEO4J_URI:-}" ]]; then
        echo "Using Neo4j at $POX_NEO4J_URI"
        return
    fi
    local port=${POX_NEO4J_BOLT_PORT:-7687}
    export POX_NEO4J_URI=bolt://127.0.0.1:$port
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Neo4j already listening on 127.0.0.1:$port, reusing it"
        return
    fi
    local log=$STATE/logs/neo4j-launcher.log
    POX_NEO4J_DATA=${POX_NEO4J_DATA:-$STATE/neo4j} neo4j-launcher/run.sh > "$log" 2>&1 &
    started_pids+=($!)
    for _ in $(seq 1 120); do
        if grep -q "Neo4j ready at" "$log"; then
            grep "Neo4j ready at" "$log"
            return
        fi
        kill -0 "${started_pids[-1]}" 2>/dev/null || { cat "$log"; echo "Neo4j launcher exited" >&2; exit 1; }
        sleep 1
    done
    echo "Neo4j did not become ready in 120 s; see $log" >&2
    exit 1
}

start_ledger() {
    if [[ $MODE == embedded ]]; then
        export POX_LEDGER_MODE=embedded
        return
    fi
    if ! network-config/network.sh status --quiet; then
        if network-config/network.sh up; then
            network_started=1
        else
            scripts/banner.sh "The local Fabric network could not be started (see above). Falling back to the" \
                "embedded ledger; fix the cause or use 'make run-embedded' to skip this attempt."
            export POX_LEDGER_MODE=embedded
            return
        fi
    fi
    export POX_LEDGER_MODE=fabric
    # shellcheck source=/dev/null
    source network-config/client-env.sh
}

server_jar() {
    local jar
    jar=$(ls platform-server/target/platform-server-*-exec.jar 2>/dev/null | head -1)
    [[ -n $jar ]] || { echo "server jar missing: run 'make build'" >&2; exit 1; }
    echo "$jar"
}

start_neo4j
start_ledger
JAR=$(server_jar)

if [[ $MODE == rebuild-graph ]]; then
    java -jar "$JAR" --pox.rebuild-graph=true --spring.main.web-application-type=none
    exit $?
fi

port=${POX_PORT:-8080}
java -jar "$JAR" &
started_pids+=($!)
server_pid=$!
for _ in $(seq 1 180); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1; then
        cat <<MSG

PoX platform server ready (ledger: $POX_LEDGER_MODE):
  portal      http://127.0.0.1:$port/
  REST API    http://127.0.0.1:$port/api/v1   (OpenAPI: /v3/api-docs, UI: /swagger-ui.html)
  health      http://127.0.0.1:$port/actuator/health
First login: open http://127.0.0.1:$port/setup with the one-time setup token printed above,
or start with POX_ADMIN_USERNAME / POX_ADMIN_PASSWORD set. Ctrl-C stops everything started here.
MSG
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited" >&2; exit 1; }
    sleep 1
done
wait "$server_pid"
