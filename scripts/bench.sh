#!/usr/bin/env bash
# Runs the benchmarks with bounded time and keeps their figures in bench/results/latest.json
# ({"commit","machine","date","metrics":{...}}, each benchmark merging its own keys).
#   - JMH micro-benchmarks (forks, warm-up and measurement fixed below; raw output in bench/target/jmh-result.json).
#     Pass a regex to run a subset: scripts/bench.sh Transfer. JMH_OPTS overrides the run lengths, e.g.
#     JMH_OPTS="-f 1 -wi 1 -w 2s -i 2 -r 3s" for a quick look.
#   - the Fabric settlement benchmark, when the local network runs (network-config/network.sh status --quiet):
#     latency and throughput on fresh channels, tuned and with Fabric's default batching, plus its chart
#     bench/results/fabric-settlement.png. POX_BENCH_STEP_SECONDS sets each load step's length (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"

java -cp "$classpath" org.openjdk.jmh.Main \
    ${JMH_OPTS:--f 1 -wi 2 -w 5s -i 3 -r 5s} \
    -rf json -rff bench/target/jmh-result.json \
    "${@:-.*}"

if [[ $# -eq 0 ]]; then
    if network-config/network.sh status --quiet; then
        java -cp "$classpath" org.poxledger.bench.fabric.FabricSettlementBenchmark \
            "$PWD" "${POX_BENCH_STEP_SECONDS:-15}" "$commit"
        venv=.pox/bench-venv
        if [[ ! -x "$venv/bin/python" ]]; then
            python3 -m venv "$venv"
            "$venv/bin/pip" install -q -r bench/requirements.txt
        fi
        "$venv/bin/python" bench/chart_settlement.py bench/results
        echo "Fabric settlement figures: bench/results/latest.json, chart: bench/results/fabric-settlement.png"
    else
        scripts/banner.sh "The local Fabric network is not running: the Fabric settlement benchmark was SKIPPED (make network-up first)"
    fi
fi
