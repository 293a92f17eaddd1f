#!/usr/bin/env bash
# Runs the benchmarks with bounded time and keeps their figures in bench/results/latest.json
# ({"commit","machine","date","metrics":{...}}, each benchmark merging its own keys).
#   - JMH micro-benchmarks (forks, warm-up and measurement fixed below; raw output in bench/target/jmh-result.json).
#     Pass a regex to run a subset: scripts/bench.sh Transfer. JMH_OPTS overrides the run lengths, e.g.
#     JMH_OPTS="-f 1 -wi 1 -w 2s -i 2 -r 3s" for a quick look.
#   - the Fabric settlement benchmark, when the local network runs (network-config/network.sh status --quiet):
#     latency and throughput on fresh channels, tuned and with Fabric's default batching, plus its chart
#     bench/results/fabric-settlement.png. POX_BENCH_STEP_SECONDS sets each load step's length (default 15).
#     Then scripts/bench-api.sh: transfer latency through the REST API on a server on the Fabric ledger.
#   - the graph-at-scale harness (docs/graph-at-scale.md): projection, counters and level recompute on generated
#     10k/100k/1M trees against an in-process Neo4j, and the server's graph rebuild from a generated ledger; chart
#     bench/results/graph-scale.png. Alone: scripts/bench.sh graph | rebuild | graph-chart | api.
#     POX_BENCH_SIZES (default 10000,100000,1000000), POX_BENCH_PROJECTION_MAX (default 100000),
#     POX_BENCH_REBUILD_MEMBERS (default 100000; the ledger is generated once, into bench/target or on a channel of the
#     local network when it runs), POX_BENCH_HEAP.
#   - scripts/bench.sh rewards: the 100k-entry reward cycle paid through the runner (bench/RESULTS.md);
#     POX_BENCH_LEDGER=fabric for the local network, POX_BENCH_CHUNK_SIZES, POX_BENCH_PARALLEL.
#   - micropayment channels (issue 8): scripts/bench-payments.sh (payments accepted per second through the REST API,
#     server on the embedded ledger), and ChannelRedeemBenchmark (10,000 payments settled by one redeem against 10,000
#     transfers) on the embedded ledger, and on Fabric when the local network runs. Alone: scripts/bench.sh payments |
#     redeem.
# The machine is shared: figures taken while other builds run are under contention (see docs/graph-at-scale.md).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
venv=.pox/bench-venv

charts_venv() {
    if [[ ! -x "$venv/bin/python" ]]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q -r bench/requirements.txt
    fi
}

graph_chart() {
    charts_venv
    "$venv/bin/python" bench/chart.py bench/results/graph-scale.json bench/results/graph-scale.png
}

run_graph() {
    java -Xmx"${POX_BENCH_HEAP:-10g}" -cp "$classpath" \
        -Dpox.bench.sizes="${POX_BENCH_SIZES:-10000,100000,1000000}" \
        -Dpox.bench.projection-max="${POX_BENCH_PROJECTION_MAX:-100000}" \
        -Dpox.bench.out=bench/results -Dpox.bench.commit="$commit" \
        org.poxledger.bench.graph.GraphScaleBench
    graph_chart
}

run_redeem() {
    java -cp "$classpath" org.poxledger.bench.fabric.ChannelRedeemBenchmark "$PWD" embedded "$commit"
    if network-config/network.sh status --quiet; then
        java -cp "$classpath" org.poxledger.bench.fabric.ChannelRedeemBenchmark "$PWD" fabric "$commit"
    else
        scripts/banner.sh "The local Fabric network is not running: the channel redeem benchmark on Fabric was SKIPPED"
    fi
}

# The rebuild from an embedded-ledger journal (rebuild_100k_s_embedded), then from a channel of the local network
# (rebuild_100k_s, the issue's figure): the first run on a network registers the members there, ~10 min at 100k.
rebuild_on() { # rebuild_on embedded|fabric
    java -Xmx"${POX_BENCH_HEAP:-10g}" -cp "$classpath" \
        -Dpox.bench.ledger="$1" -Dpox.bench.repository=. \
        -Dpox.bench.rebuild-members="${POX_BENCH_REBUILD_MEMBERS:-100000}" \
        -Dpox.bench.out=bench/results -Dpox.bench.commit="$commit" \
        org.poxledger.bench.graph.RebuildBench
}

run_rebuild() {
    rebuild_on embedded
    if network-config/network.sh status --quiet; then
        rebuild_on fabric
    else
        scripts/banner.sh "The local Fabric network is not running: the graph rebuild from Fabric was SKIPPED"
    fi
}

# Issue 11 point 4: a 100k-entry reward cycle computed, planned and paid by the server's runner, per chunk size and
# parallel chunks; POX_BENCH_LEDGER=fabric pays on a fresh channel of the local network (reward_cycle_100k_paid_s; the
# embedded ledger's figure is reward_cycle_100k_paid_s_embedded). POX_BENCH_REGISTER_CLIENTS: registrations in flight.
run_rewards() {
    java -Xmx"${POX_BENCH_HEAP:-6g}" -cp "$classpath" \
        -Dpox.bench.ledger="${POX_BENCH_LEDGER:-embedded}" \
        -Dpox.bench.reward-entries="${POX_BENCH_REWARD_ENTRIES:-100000}" \
        -Dpox.bench.chunk-sizes="${POX_BENCH_CHUNK_SIZES:-200,500,1000}" \
        -Dpox.bench.parallel="${POX_BENCH_PARALLEL:-1,8,16}" \
        -Dpox.bench.register-clients="${POX_BENCH_REGISTER_CLIENTS:-32}" \
        -Dpox.bench.repository=. -Dpox.bench.out=bench/results -Dpox.bench.commit="$commit" \
        org.poxledger.platform.reward.RewardCycleScaleBench
}

case "${1:-}" in
    graph) run_graph; exit ;;
    rewards) run_rewards; exit ;;
    api) scripts/bench-api.sh; exit ;;
    rebuild) run_rebuild; exit ;;
    payments) scripts/bench-payments.sh; exit ;;
    redeem) run_redeem; exit ;;
    graph-chart) graph_chart; exit ;;
esac

java -cp "$classpath" org.openjdk.jmh.Main \
    ${JMH_OPTS:--f 1 -wi 2 -w 5s -i 3 -r 5s} \
    -rf json -rff bench/target/jmh-result.json \
    "${@:-.*}"
# the scores of benchmarks marked @Metric, e.g. payword_verify_per_s_core, into latest.json
java -cp "$classpath" org.poxledger.bench.JmhResults bench/target/jmh-result.json bench/results/latest.json "$commit"

if [[ $# -eq 0 ]]; then
    if network-config/network.sh status --quiet; then
        java -cp "$classpath" org.poxledger.bench.fabric.FabricSettlementBenchmark \
            "$PWD" "${POX_BENCH_STEP_SECONDS:-15}" "$commit"
        charts_venv
        "$venv/bin/python" bench/chart_settlement.py bench/results
        echo "Fabric settlement figures: bench/results/latest.json, chart: bench/results/fabric-settlement.png"
        scripts/bench-api.sh
    else
        scripts/banner.sh "The local Fabric network is not running: the Fabric settlement benchmark was SKIPPED (make network-up first)"
    fi
    scripts/bench-payments.sh
    run_redeem
    run_graph
    run_rebuild
fi
