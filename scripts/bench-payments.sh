#!/usr/bin/env bash
# Micropayments through the REST API (issue 8: micropayments_accepted_per_s_api). Starts a throwaway Neo4j and the
# server jar on free 127.0.0.1 ports, on the embedded ledger with its journal (payments never touch the ledger: the
# broker checks each payword locally and records it in Neo4j before answering); then MicropaymentApiBenchmark funds
# payers through the API, opens one channel per client and has every client pay one unit per request on its own
# channel with a bearer token, over keep-alive connections. Merges the figures into bench/results/latest.json.
# Stops what it started, by pid.
# Then the same with a payee's gateway sending batches of POX_BENCH_PAY_BATCH payments, one per channel per request
# (figures with the suffix _batch<N>).
#   scripts/bench-payments.sh    (needs `make build`; POX_BENCH_PAY_CLIENTS default 128, POX_BENCH_PAY_SECONDS 15,
#                                 POX_BENCH_PAY_BATCH default 64, 0 = no batch run)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
# shellcheck source=lib-server.sh
source scripts/lib-server.sh

jar=$(ls platform-server/target/platform-server-*-exec.jar 2>/dev/null | head -1)
[[ -n $jar ]] || { echo "server jar missing: run 'make build'" >&2; exit 1; }
[[ -f bench/target/classpath.txt ]] || { echo "bench classpath missing: run 'make build'" >&2; exit 1; }

work=$(mktemp -d /tmp/pox-bench-payments.XXXXXX)
pids=()
trap stop_started INT TERM EXIT

bolt=$(free_port)
POX_NEO4J_BOLT_PORT=$bolt POX_NEO4J_DATA=$work/neo4j POX_NEO4J_JAVA_OPTS="-Xms256m -Xmx1g" \
    neo4j-launcher/run.sh > "$work/neo4j.log" 2>&1 &
pids+=($!)
await_line "$work/neo4j.log" "Neo4j ready at" "${pids[-1]}" 120

port=$(free_port)
base=http://127.0.0.1:$port
admin_password=$(random_secret)
POX_NEO4J_URI=bolt://127.0.0.1:$bolt POX_PORT=$port POX_LEDGER_MODE=embedded \
    POX_EMBEDDED_JOURNAL=$work/ledger.journal POX_ACCOUNT_HASH_SECRET=$(random_secret 48) \
    POX_BROKER_KEY_FILE=$work/broker.key POX_ADMIN_USERNAME=benchadmin POX_ADMIN_PASSWORD=$admin_password \
    POX_PUBLIC_BASE_URL=$base \
    java -Xmx1g -jar "$jar" > "$work/server.log" 2>&1 &
pids+=($!)
await_line "$work/server.log" "Started PoxPlatformApplication" "${pids[-1]}" 180
for _ in $(seq 1 60); do
    token_of "$base" benchadmin "$admin_password" > /dev/null 2>&1 && break
    sleep 1
done

measure() { # measure <batch>
    java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
        -Dpox.bench.clients="${POX_BENCH_PAY_CLIENTS:-128}" -Dpox.bench.seconds="${POX_BENCH_PAY_SECONDS:-15}" \
        -Dpox.bench.chain="${POX_BENCH_PAY_CHAIN:-10000}" -Dpox.bench.batch="$1" \
        org.poxledger.bench.api.MicropaymentApiBenchmark "$base" benchadmin "$admin_password" \
        bench/results/latest.json "$(git rev-parse HEAD 2> /dev/null || echo unknown)"
}
measure 1
batch=${POX_BENCH_PAY_BATCH:-64}
if [[ $batch -gt 1 ]]; then
    measure "$batch"
fi
