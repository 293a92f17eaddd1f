#!/usr/bin/env bash
# Runs the JMH benchmarks with bounded time (forks, warm-up and measurement fixed below) and keeps the
# machine-readable result in bench/target/jmh-result.json. Pass a regex to run a subset: scripts/bench.sh Transfer
# JMH_OPTS overrides the run lengths, e.g. JMH_OPTS="-f 1 -wi 1 -w 2s -i 2 -r 3s" for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
java -cp "$classpath" org.openjdk.jmh.Main \
    ${JMH_OPTS:--f 1 -wi 2 -w 5s -i 3 -r 5s} \
    -rf json -rff bench/target/jmh-result.json \
    "${@:-.*}"
