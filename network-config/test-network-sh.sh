#!/usr/bin/env bash
# Tests of network.sh's own logic that need no Fabric binaries: the chaincode-as-a-service package, pid-file
# handling, start-up failure reporting, port conflicts, WIPE safety. The Fabric network itself is exercised by
# ledger-fabric's integration tests. Ends with "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scratch="$(mktemp -d)"
children=()
cleanup() {
    local pid
    for pid in "${children[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$scratch"
}
trap cleanup EXIT

passed=0
failed=0
check() { # check <name> <command>...
    local name="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
    fi
}

# A child shell that sources network.sh with its own network directory and runs one snippet.
in_network_sh() { # in_network_sh <snippet>
    POX_NETWORK_DIR="$scratch/net" bash -c "set -euo pipefail; source '$here/network.sh'; $1"
}

# --- static checks ------------------------------------------------------------------------------------------------

if command -v shellcheck >/dev/null 2>&1; then
    check "shellcheck is clean" shellcheck -x -P "$here" "$here"/network.sh "$here"/fabric-binaries.sh "$here"/fabric-version.sh \
        "$here"/test-network-sh.sh "$here"/client-env.sh "$here"/../neo4j-launcher/run.sh \
        "$here"/../docker/chaincode-entrypoint.sh
else
    echo "skip shellcheck (not installed)"
fi

usage_exits_2() {
    local status=0
    "$here/network.sh" >"$scratch/usage" 2>&1 || status=$?
    [[ $status == 2 ]] && grep -q 'Usage: network-config/network.sh up|down|status|env' "$scratch/usage"
}
check "without a command it prints the usage and exits 2" usage_exits_2

# --- chaincode package --------------------------------------------------------------------------------------------

package_has_the_ccaas_layout() {
    in_network_sh "mkdir -p '$scratch/p1' && CHAINCODE_PORT=9123 ccaas_package '$scratch/p1' pox_0123456789abcdef"
    local tarball="$scratch/p1/pox_0123456789abcdef.tar.gz"
    [[ "$(tar -tzf "$tarball" | sort | tr "\n" " ")" == "code.tar.gz metadata.json " ]] &&
        [[ "$(tar -xzOf "$tarball" metadata.json)" == '{"type":"ccaas","label":"pox_0123456789abcdef"}' ]] &&
        [[ "$(tar -xzOf "$tarball" code.tar.gz | tar -xzO connection.json)" == \
            '{"address":"127.0.0.1:9123","dial_timeout":"10s","tls_required":false}' ]]
}
check "the package holds metadata.json (type ccaas, label) and code.tar.gz with connection.json" \
    package_has_the_ccaas_layout

package_is_reproducible() {
    in_network_sh "mkdir -p '$scratch/p2' && ccaas_package '$scratch/p2' pox_0123456789abcdef"
    sleep 1.1 # a different mtime must not change the bytes
    in_network_sh "mkdir -p '$scratch/p3' && ccaas_package '$scratch/p3' pox_0123456789abcdef"
    [[ "$(sha256sum <"$scratch/p2/pox_0123456789abcdef.tar.gz")" == \
        "$(sha256sum <"$scratch/p3/pox_0123456789abcdef.tar.gz")" ]]
}
check "the same label and port give a byte-identical package (so the same package id)" package_is_reproducible

other_port_other_package() {
    in_network_sh "mkdir -p '$scratch/p4' && CHAINCODE_PORT=9998 ccaas_package '$scratch/p4' pox_0123456789abcdef"
    [[ "$(sha256sum <"$scratch/p2/pox_0123456789abcdef.tar.gz")" != \
        "$(sha256sum <"$scratch/p4/pox_0123456789abcdef.tar.gz")" ]]
}
check "another chaincode port gives another package" other_port_other_package

# --- pid files ----------------------------------------------------------------------------------------------------

mkdir -p "$scratch/net/run" "$scratch/net/logs"

# A stand-in whose command line says "orderer", like the real one.
bash -c 'exec -a orderer sleep 300' &
fake_orderer=$!
children+=("$fake_orderer")
sleep 300 &
unrelated=$!
children+=("$unrelated")

pid_of_finds_the_live_process() {
    echo "$fake_orderer" >"$scratch/net/run/orderer.pid"
    [[ "$(in_network_sh 'pid_of orderer')" == "$fake_orderer" ]]
}
check "pid_of returns the live process named in the pid file" pid_of_finds_the_live_process

pid_of_ignores_a_reused_pid() {
    echo "$unrelated" >"$scratch/net/run/orderer.pid"
    [[ -z "$(in_network_sh 'pid_of orderer')" ]]
}
check "pid_of ignores a pid file whose process runs something else (pid reused)" pid_of_ignores_a_reused_pid

down_leaves_an_unrelated_process_alone() {
    echo "$unrelated" >"$scratch/net/run/orderer.pid"
    in_network_sh 'down' 2>"$scratch/down.err"
    kill -0 "$unrelated" && [[ ! -e "$scratch/net/run/orderer.pid" ]] && grep -q 'stale pid file removed' "$scratch/down.err"
}
check "down removes a stale pid file without signalling the process that now has that pid" \
    down_leaves_an_unrelated_process_alone

down_stops_what_up_started() {
    echo "$fake_orderer" >"$scratch/net/run/orderer.pid"
    in_network_sh 'down' 2>"$scratch/down.err"
    ! kill -0 "$fake_orderer" 2>/dev/null && [[ ! -e "$scratch/net/run/orderer.pid" ]] &&
        grep -q "orderer stopped (pid $fake_orderer)" "$scratch/down.err"
}
check "down stops a component it started and removes its pid file" down_stops_what_up_started

# --- start-up failures --------------------------------------------------------------------------------------------

start_failure_is_loud() {
    local status=0
    in_network_sh "start_process orderer 1 bash -c 'echo config file not found >&2; exit 3'" \
        2>"$scratch/start.err" || status=$?
    [[ $status == 1 ]] &&
        grep -q 'orderer (pid [0-9]*) exited during start-up' "$scratch/start.err" &&
        grep -q 'config file not found' "$scratch/start.err" &&
        [[ ! -e "$scratch/net/run/orderer.pid" ]]
}
check "a component that dies during start-up fails up with the tail of its log" start_failure_is_loud

if command -v python3 >/dev/null 2>&1; then
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    python3 -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',$port)); s.listen(); time.sleep(300)" &
    children+=("$!")
    for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done

    port_conflict_is_loud() {
        local status=0
        in_network_sh "require_free_ports peer0.platform $port" 2>"$scratch/port.err" || status=$?
        [[ $status == 1 ]] && grep -q "port $port, needed by peer0.platform, is already in use" "$scratch/port.err"
    }
    check "a port taken by a foreign process stops up with a message naming port and component" port_conflict_is_loud

    start_waits_for_the_port() {
        in_network_sh "start_process chaincode $port sleep 300" 2>"$scratch/wait.err"
        local pid
        pid="$(<"$scratch/net/run/chaincode.pid")"
        children+=("$pid")
        grep -q "chaincode started, pid $pid, port $port" "$scratch/wait.err"
    }
    check "start_process records the pid and reports the port it waited for" start_waits_for_the_port
else
    echo "skip port tests (python3 not installed)"
fi

# --- WIPE safety and env ------------------------------------------------------------------------------------------

wipe_refuses_a_foreign_directory() {
    local status=0
    mkdir -p "$scratch/foreign/run"
    POX_NETWORK_DIR="$scratch/foreign" WIPE=1 "$here/network.sh" down 2>"$scratch/wipe.err" || status=$?
    [[ $status == 1 && -d "$scratch/foreign" ]] && grep -q 'refusing to delete' "$scratch/wipe.err"
}
check "WIPE=1 down refuses to delete a directory network.sh did not create" wipe_refuses_a_foreign_directory

wipe_deletes_its_own_directory() {
    mkdir -p "$scratch/own/run" && touch "$scratch/own/.pox-network"
    POX_NETWORK_DIR="$scratch/own" WIPE=1 "$here/network.sh" down 2>/dev/null
    [[ ! -e "$scratch/own" ]]
}
check "WIPE=1 down deletes the network directory it created" wipe_deletes_its_own_directory

env_before_up_fails() {
    local status=0
    POX_NETWORK_DIR="$scratch/none" "$here/network.sh" env 2>"$scratch/env.err" || status=$?
    [[ $status == 1 ]] && grep -q 'fabric.env does not exist yet' "$scratch/env.err"
}
check "env before up says to run up" env_before_up_fails

quiet_status_says_down() {
    local status=0 output
    output="$(POX_NETWORK_DIR="$scratch/none" "$here/network.sh" status --quiet 2>&1)" || status=$?
    [[ $status != 0 && -z "$output" ]]
}
check "status --quiet answers 'not running' by exit status alone" quiet_status_says_down

channel_refuses_a_bad_name() {
    local status=0
    POX_NETWORK_DIR="$scratch/none" "$here/network.sh" channel 'Bad_Name!' 2>"$scratch/channel.err" || status=$?
    [[ $status == 1 ]] && grep -q "channel needs a name of lower-case letters" "$scratch/channel.err"
}
check "channel refuses a name Fabric would not take, before touching anything" channel_refuses_a_bad_name

channel_needs_a_running_network() {
    local status=0
    POX_NETWORK_DIR="$scratch/none" "$here/network.sh" channel it-1 2>"$scratch/channel.err" || status=$?
    [[ $status == 1 ]] && grep -q "the network is not running" "$scratch/channel.err"
}
check "channel on a network that is not running says to start it" channel_needs_a_running_network

stop_refuses_an_unknown_component() {
    local status=0
    POX_NETWORK_DIR="$scratch/none" "$here/network.sh" stop gossip 2>"$scratch/stop.err" || status=$?
    [[ $status == 1 ]] && grep -q "stop needs orderer, peer0.platform or chaincode" "$scratch/stop.err"
}
check "stop refuses a component the network does not have" stop_refuses_an_unknown_component

client_env_exports_fabric_env() {
    mkdir -p "$scratch/envnet"
    printf 'POX_FABRIC_PEER_ENDPOINT=127.0.0.1:7051\nPOX_FABRIC_MSP_ID=PlatformOrgMSP\n' >"$scratch/envnet/fabric.env"
    [[ "$(POX_NETWORK_DIR="$scratch/envnet" bash -c "source '$here/client-env.sh' && env" |
        grep -c '^POX_FABRIC_')" == 2 ]]
}
check "client-env.sh exports the variables of fabric.env" client_env_exports_fabric_env

echo
echo "$passed passed, $failed failed"
((failed == 0))
