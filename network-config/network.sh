#!/usr/bin/env bash
# The local PoX Fabric network, natively (no Docker), everything on 127.0.0.1:
#   orderer0  (OrdererOrg, etcdraft, single node)  127.0.0.1:7050, admin 7053, operations 8443
#   peer0     (PlatformOrg, LevelDB, Gateway)      127.0.0.1:7051, chaincode 7052, operations 9444
#   chaincode (the PoX chaincode as a service)     127.0.0.1:${POX_CHAINCODE_PORT:-9999}
# AuditorOrg is a channel member without a peer (its clients use peer0's Gateway).
#
# Usage: network-config/network.sh up|down|status|env|artifacts|node <orderer|peer0.platform>
#   up        obtain the binaries, generate crypto material and the channel's genesis block (once), start the
#             orderer and the peer, join both to channel `pox`, and deploy chaincode/target/chaincode.jar as a
#             chaincode service (a new definition only when the jar or its connection changed). Idempotent.
#   down      stop every process `up` started (from their pid files); WIPE=1 also deletes the network directory.
#   status    what runs, with pids and ports, and the channel height; `status --quiet` only answers by its exit
#             status: 0 when orderer, peer and chaincode service all run.
#   env       print the POX_FABRIC_* variables for a client of this network (also in <network dir>/fabric.env).
#   artifacts only the files: binaries, crypto, genesis block, chaincode package (+ chaincode/package-id), fabric.env.
#   node X    run orderer or peer0.platform in the foreground with this network's settings (docker/ uses it).
#   stop X    stop one component (orderer, peer0.platform or chaincode) and leave the rest running; `up` starts it
#             again. The fault tests use it to take a node away in the middle of a stream of transfers.
#   channel N create channel N on the running network (orderer and peer join it) with the chaincode deployed on it,
#             like `pox`; idempotent. The integration tests give each test ledger a fresh channel, so every test
#             starts from an empty chain on the one network.
#
# Environment:
#   POX_NETWORK_DIR          data, crypto, logs and pid files (default <repo>/.pox/network, gitignored)
#   POX_CHAINCODE_PORT       chaincode service port (default 9999)
#   POX_CHAINCODE_BUILD      1 (default): build chaincode/target/chaincode.jar with Maven first; 0: use the jar as is
#   POX_CHAINCODE_JAVA_OPTS  JVM options of the chaincode service (default -Xms64m -Xmx512m)
#   POX_CHANNEL_PROFILE      configtx.yaml profile of a new channel (default PoxChannel; PoxChannelDefaultBatch is
#                            Fabric's default batching, the settlement benchmark's baseline)
#   POX_FABRIC_LOG_SPEC      Fabric logging spec of orderer and peer (default info)
#   POX_FABRIC_CACHE         where fabric-binaries.sh keeps the binaries (default ~/.cache/pox/fabric)
#   JAVA_HOME                a JDK 21+ for the Maven build and the chaincode service
#   POX_FABRIC_USE_PATH      1: use the Fabric binaries on PATH and FABRIC_CFG_PATH as set (the Fabric images)
#   POX_CCAAS_BUILDER_DIR    the chaincode-as-a-service builder directory (default: the one fabric-binaries.sh built)
#   POX_FABRIC_EXTERNAL_NODES  1: orderer and peer run elsewhere (docker/); wait for their ports, start nothing
#   POX_CHAINCODE_EXTERNAL   1: the chaincode service runs elsewhere (docker/); wait for its port, start nothing
#   WIPE                     with `down`: 1 deletes POX_NETWORK_DIR after stopping
#
# Logs: <network dir>/logs/{orderer,peer0.platform,chaincode}.log
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=fabric-version.sh
source "$here/fabric-version.sh"

net="${POX_NETWORK_DIR:-$repo/.pox/network}"
crypto="$net/crypto"
logs="$net/logs"
run="$net/run"
marker="$net/.pox-network"

# `channel N` works on another channel of the same network; everything else on `pox`.
CHANNEL="pox"
readonly CHAINCODE="pox"
readonly ORDERER_PORT=7050 ORDERER_ADMIN_PORT=7053 ORDERER_OPS_PORT=8443
readonly PEER_PORT=7051 PEER_CHAINCODE_PORT=7052 PEER_OPS_PORT=9444
CHAINCODE_PORT="${POX_CHAINCODE_PORT:-9999}"
CCAAS_BUILDER_DIR="${POX_CCAAS_BUILDER_DIR:-$CCAAS_BUILDER_DIR}"
readonly START_TIMEOUT_SECONDS=60 STOP_TIMEOUT_SECONDS=20

orderer_org="$crypto/ordererOrganizations/orderer.pox.test"
orderer_node="$orderer_org/orderers/orderer0.orderer.pox.test"
orderer_admin="$orderer_org/users/Admin@orderer.pox.test"
orderer_tls_ca="$orderer_org/tlsca/tlsca.orderer.pox.test-cert.pem"
platform_org="$crypto/peerOrganizations/platform.pox.test"
platform_peer="$platform_org/peers/peer0.platform.pox.test"
platform_admin="$platform_org/users/Admin@platform.pox.test"
platform_tls_ca="$platform_org/tlsca/tlsca.platform.pox.test-cert.pem"
auditor_user="$crypto/peerOrganizations/auditor.pox.test/users/User1@auditor.pox.test"

# ----------------------------------------------------------------------------------------------------------------
# output, timing, failure

say() { echo "[network] $*" >&2; }
die() {
    echo "[network] ERROR: $*" >&2
    exit 1
}

now_ms() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        local micros="${EPOCHREALTIME//[.,]/}"
        echo $((micros / 1000))
    else
        date +%s%3N
    fi
}

elapsed() { # elapsed <start ms> -> "1.234 s"
    local ms=$(($(now_ms) - $1))
    printf '%d.%03d s' $((ms / 1000)) $((ms % 1000))
}

step_started=0
step() {
    step_started=$(now_ms)
    say "$*"
}
step_done() { say "  done in $(elapsed "$step_started")${1:+ ($1)}"; }

# Runs a command, keeping its output in a file; on failure shows that output and stops.
quietly() { # quietly <what> <command>...
    local what="$1"
    shift
    local out
    out="$(mktemp)"
    if ! "$@" >"$out" 2>&1; then
        echo "----- output of: $* -----" >&2
        cat "$out" >&2
        echo "-----" >&2
        rm -f "$out"
        die "$what failed (output above)"
    fi
    rm -f "$out"
}

# ----------------------------------------------------------------------------------------------------------------
# processes and ports

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# What a live process of each component has on its command line: a pid file whose process runs something else
# (the pid was reused after a reboot) is stale, and its process must not be signalled.
command_token() {
    case "$1" in
        orderer) echo "orderer" ;;
        peer0.platform) echo "peer" ;;
        chaincode) echo "chaincode.jar" ;;
        *) die "unknown component $1" ;;
    esac
}

pid_of() { # pid_of <component> -> pid of the live process we started, or nothing
    local file="$run/$1.pid" pid
    [[ -s "$file" ]] || return 0
    pid="$(<"$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(command_token "$1")"; then
        return 0
    fi
    echo "$pid"
}

require_free_ports() { # require_free_ports <component> <port>...
    local component="$1" port
    shift
    for port in "$@"; do
        if port_open "$port"; then
            die "port $port, needed by $component, is already in use by a process this script did not start
(no live pid file in $run). Stop it, or if it is a leftover of this network: network-config/network.sh down"
        fi
    done
}

wait_for_port() { # wait_for_port <component> <port>: for components this script does not start
    local component="$1" port="$2" started
    started=$(now_ms)
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until port_open "$port"; do
        ((SECONDS < deadline)) || die "$component did not open 127.0.0.1:$port within ${START_TIMEOUT_SECONDS} s"
        sleep 0.5
    done
    say "  $component answers on port $port (waited $(elapsed "$started"))"
}

# start_process <component> <port to wait for> <command>...: detached (its own session, so a Ctrl-C in the
# terminal that ran `up` does not stop the network), output appended to logs/<component>.log.
start_process() {
    local component="$1" port="$2"
    shift 2
    local log="$logs/$component.log" pid started
    started=$(now_ms)
    echo "===== $(date -u +%FT%TZ) starting $component: $*" >>"$log"
    if command -v setsid >/dev/null 2>&1; then
        setsid "$@" >>"$log" 2>&1 </dev/null &
    else
        "$@" >>"$log" 2>&1 </dev/null &
    fi
    pid=$!
    echo "$pid" >"$run/$component.pid"
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until port_open "$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$run/$component.pid"
            echo "----- last lines of $log -----" >&2
            tail -n 40 "$log" >&2
            die "$component (pid $pid) exited during start-up (log above, full log: $log)"
        fi
        if ((SECONDS >= deadline)); then
            echo "----- last lines of $log -----" >&2
            tail -n 40 "$log" >&2
            die "$component (pid $pid) did not open port $port within ${START_TIMEOUT_SECONDS} s (log: $log)"
        fi
        sleep 0.2
    done
    say "  $component started, pid $pid, port $port, in $(elapsed "$started") (log: $log)"
}

stop_process() { # stop_process <component>
    local component="$1" pid
    pid="$(pid_of "$component")"
    if [[ -z "$pid" ]]; then
        if [[ -e "$run/$component.pid" ]]; then
            say "$component: stale pid file removed (process not running)"
        fi
        rm -f "$run/$component.pid"
        return 0
    fi
    local started
    started=$(now_ms)
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            say "$component (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT_SECONDS} s: sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$run/$component.pid"
    say "$component stopped (pid $pid) in $(elapsed "$started")"
}

# ----------------------------------------------------------------------------------------------------------------
# Fabric binaries and configuration

binaries() {
    export FABRIC_LOGGING_SPEC="${POX_FABRIC_LOG_SPEC:-info}"
    if [[ "${POX_FABRIC_USE_PATH:-0}" == 1 ]]; then
        [[ -n "${FABRIC_CFG_PATH:-}" ]] || die "POX_FABRIC_USE_PATH=1 needs FABRIC_CFG_PATH (a Fabric sampleconfig)"
        return 0
    fi
    step "Fabric $FABRIC_VERSION binaries"
    "$here/fabric-binaries.sh" >/dev/null
    export PATH="$FABRIC_BIN_DIR:$PATH"
    # The Fabric module's own core.yaml/orderer.yaml (never copied here); everything this network needs differs
    # from them only by the CORE_*/ORDERER_* variables below.
    FABRIC_CFG_PATH="$(<"$FABRIC_SAMPLECONFIG_FILE")"
    export FABRIC_CFG_PATH
    step_done "FABRIC_CFG_PATH=$FABRIC_CFG_PATH"
}

crypto_material() {
    if [[ -d "$crypto" ]]; then
        return 0
    fi
    if [[ -d "$net/orderer" || -d "$net/peer0.platform" ]]; then
        die "ledger data exists in $net but its crypto material is gone; start over with: WIPE=1 $0 down"
    fi
    step "crypto material (cryptogen, once) -> $crypto"
    # Into a scratch directory first: a half-written crypto/ would otherwise be taken as complete next time.
    rm -rf "$crypto.partial"
    quietly "cryptogen" cryptogen generate --config="$here/crypto-config.yaml" --output="$crypto.partial"
    mv "$crypto.partial" "$crypto"
    step_done
}

genesis_block() {
    local block="$net/channel/$CHANNEL.block"
    [[ -s "$block" ]] && return 0
    step "genesis block of channel $CHANNEL (configtxgen, once)"
    mkdir -p "$net/channel"
    # configtx.yaml names crypto material relative to itself: run it from the network directory.
    cp "$here/configtx.yaml" "$net/configtx.yaml"
    quietly "configtxgen" configtxgen -configPath "$net" -profile "${POX_CHANNEL_PROFILE:-PoxChannel}" -channelID "$CHANNEL" \
        -outputBlock "$block"
    step_done "$block"
}

write_client_env() {
    cat >"$net/fabric.env" <<ENV
# Written by network-config/network.sh: the platform operator's Gateway connection to this network.
POX_FABRIC_NETWORK_DIR=$net
POX_FABRIC_PEER_ENDPOINT=127.0.0.1:$PEER_PORT
POX_FABRIC_TLS_CA_CERT=$platform_tls_ca
POX_FABRIC_SERVER_NAME=peer0.platform.pox.test
POX_FABRIC_MSP_ID=PlatformOrgMSP
POX_FABRIC_CERT=$platform_admin/msp/signcerts/Admin@platform.pox.test-cert.pem
POX_FABRIC_KEY=$platform_admin/msp/keystore
POX_FABRIC_CHANNEL=$CHANNEL
POX_FABRIC_CHAINCODE=$CHAINCODE
# A foreign channel member (AuditorOrg client), for access-control tests.
POX_FABRIC_AUDITOR_MSP_ID=AuditorOrgMSP
POX_FABRIC_AUDITOR_CERT=$auditor_user/msp/signcerts/User1@auditor.pox.test-cert.pem
POX_FABRIC_AUDITOR_KEY=$auditor_user/msp/keystore
ENV
}

# ----------------------------------------------------------------------------------------------------------------
# orderer and peer

orderer_command() { # sets the array `command`: the orderer with this network's settings
    command=(env
        ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
        ORDERER_GENERAL_LISTENPORT="$ORDERER_PORT"
        ORDERER_GENERAL_LOCALMSPID=OrdererMSP
        ORDERER_GENERAL_LOCALMSPDIR="$orderer_node/msp"
        ORDERER_GENERAL_TLS_ENABLED=true
        ORDERER_GENERAL_TLS_PRIVATEKEY="$orderer_node/tls/server.key"
        ORDERER_GENERAL_TLS_CERTIFICATE="$orderer_node/tls/server.crt"
        ORDERER_GENERAL_TLS_ROOTCAS="[$orderer_node/tls/ca.crt]"
        ORDERER_CHANNELPARTICIPATION_ENABLED=true
        ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$ORDERER_ADMIN_PORT"
        ORDERER_ADMIN_TLS_ENABLED=true
        ORDERER_ADMIN_TLS_PRIVATEKEY="$orderer_node/tls/server.key"
        ORDERER_ADMIN_TLS_CERTIFICATE="$orderer_node/tls/server.crt"
        ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
        ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$orderer_tls_ca]"
        ORDERER_FILELEDGER_LOCATION="$net/orderer/ledger"
        ORDERER_CONSENSUS_WALDIR="$net/orderer/etcdraft/wal"
        ORDERER_CONSENSUS_SNAPDIR="$net/orderer/etcdraft/snapshot"
        ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$ORDERER_OPS_PORT"
        ORDERER_METRICS_PROVIDER=disabled
        orderer)
}

start_orderer() {
    if [[ "${POX_FABRIC_EXTERNAL_NODES:-0}" == 1 ]]; then
        wait_for_port orderer "$ORDERER_ADMIN_PORT"
        return 0
    fi
    if [[ -n "$(pid_of orderer)" ]]; then
        say "orderer already running (pid $(pid_of orderer))"
        return 0
    fi
    step "orderer0 on 127.0.0.1:$ORDERER_PORT"
    require_free_ports orderer "$ORDERER_PORT" "$ORDERER_ADMIN_PORT" "$ORDERER_OPS_PORT"
    mkdir -p "$net/orderer"
    local command
    orderer_command
    start_process orderer "$ORDERER_ADMIN_PORT" "${command[@]}"
    step_done
}

join_orderer() {
    local tls=(--ca-file "$orderer_tls_ca" --client-cert "$orderer_admin/tls/client.crt"
        --client-key "$orderer_admin/tls/client.key")
    local listed joined
    # osnadmin exits 0 whatever the HTTP status: read the "Status: NNN" line it prints.
    listed="$(osnadmin channel list -o "127.0.0.1:$ORDERER_ADMIN_PORT" "${tls[@]}" 2>&1)" ||
        die "osnadmin channel list failed: $listed"
    grep -q '^Status: 200' <<<"$listed" || die "osnadmin channel list answered: $listed"
    if grep -q "\"name\": *\"$CHANNEL\"" <<<"$listed"; then
        return 0
    fi
    step "orderer joins channel $CHANNEL (channel participation)"
    joined="$(osnadmin channel join --channelID "$CHANNEL" --config-block "$net/channel/$CHANNEL.block" \
        -o "127.0.0.1:$ORDERER_ADMIN_PORT" "${tls[@]}" 2>&1)" || die "osnadmin channel join failed: $joined"
    grep -q '^Status: 201' <<<"$joined" || die "osnadmin channel join answered: $joined"
    step_done
}

peer_command() { # sets the array `command`: peer0.platform with this network's settings
    # CORE_CHAINCODE_EXTERNALBUILDERS: the peer decodes this variable as YAML into its list of builders
    # (core/peer/config.go, known fields only: name, path, propagateEnvironment); JSON is YAML's flow form.
    # CORE_VM_ENDPOINT empty disables the Docker builder (the peer's viper allows empty variables), so the
    # chaincode-as-a-service builder is the only one.
    command=(env
        CORE_PEER_ID=peer0.platform.pox.test
        CORE_PEER_NETWORKID=pox
        CORE_PEER_LISTENADDRESS="127.0.0.1:$PEER_PORT"
        CORE_PEER_ADDRESS="127.0.0.1:$PEER_PORT"
        CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$PEER_CHAINCODE_PORT"
        CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$PEER_CHAINCODE_PORT"
        CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$PEER_PORT"
        CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$PEER_PORT"
        CORE_PEER_LOCALMSPID=PlatformOrgMSP
        CORE_PEER_MSPCONFIGPATH="$platform_peer/msp"
        CORE_PEER_TLS_ENABLED=true
        CORE_PEER_TLS_CERT_FILE="$platform_peer/tls/server.crt"
        CORE_PEER_TLS_KEY_FILE="$platform_peer/tls/server.key"
        CORE_PEER_TLS_ROOTCERT_FILE="$platform_peer/tls/ca.crt"
        CORE_PEER_FILESYSTEMPATH="$net/peer0.platform/data"
        CORE_PEER_GATEWAY_ENABLED=true
        CORE_LEDGER_STATE_STATEDATABASE=goleveldb
        CORE_LEDGER_SNAPSHOTS_ROOTDIR="$net/peer0.platform/snapshots"
        CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$PEER_OPS_PORT"
        CORE_METRICS_PROVIDER=disabled
        CORE_VM_ENDPOINT=
        CORE_CHAINCODE_MODE=net
        CORE_CHAINCODE_EXTERNALBUILDERS="[{\"name\":\"ccaas_builder\",\"path\":\"$CCAAS_BUILDER_DIR\",\"propagateEnvironment\":[\"CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG\"]}]"
        peer node start)
}

start_peer() {
    if [[ "${POX_FABRIC_EXTERNAL_NODES:-0}" == 1 ]]; then
        wait_for_port peer0.platform "$PEER_PORT"
        return 0
    fi
    if [[ -n "$(pid_of peer0.platform)" ]]; then
        say "peer0.platform already running (pid $(pid_of peer0.platform))"
        return 0
    fi
    drop_added_channels
    step "peer0.platform on 127.0.0.1:$PEER_PORT"
    require_free_ports peer0.platform "$PEER_PORT" "$PEER_CHAINCODE_PORT" "$PEER_OPS_PORT"
    mkdir -p "$net/peer0.platform"
    local command
    peer_command
    start_process peer0.platform "$PEER_PORT" "${command[@]}"
    step_done
}

# Channels made by `channel NAME` are for one test or benchmark. Their chaincode definitions keep naming the package
# that was current then, and a peer that starts launches every package its channels define: it would dial the one
# chaincode service at its one address under an older package id, and the Java shim then refuses every later
# transaction ("cannot handle"). So a peer that (re)starts leaves them first; `peer node unjoin` needs it stopped.
drop_added_channels() {
    local added="$net/channels.added" name command
    [[ -s "$added" ]] || return 0
    step "peer0.platform leaves $(wc -l <"$added") channel(s) made by 'network.sh channel'"
    peer_command
    command=("${command[@]:0:${#command[@]}-2}") # the peer's settings and binary, without "node start"
    while read -r name; do
        "${command[@]}" node unjoin -c "$name" >>"$logs/peer0.platform.log" 2>&1 || true
    done <"$added"
    rm -f "$added"
    step_done
}

# The platform Admin through the peer CLI.
peer_admin() {
    env CORE_PEER_LOCALMSPID=PlatformOrgMSP \
        CORE_PEER_MSPCONFIGPATH="$platform_admin/msp" \
        CORE_PEER_ADDRESS="127.0.0.1:$PEER_PORT" \
        CORE_PEER_TLS_ENABLED=true \
        CORE_PEER_TLS_ROOTCERT_FILE="$platform_tls_ca" \
        peer "$@"
}


join_peer() {
    local listed attempt
    # a peer that has just opened its port may not finish a TLS handshake yet on a loaded machine: give it 30 s
    for attempt in $(seq 1 30); do
        listed="$(peer_admin channel list 2>&1)" && break
        ((attempt < 30)) || die "peer channel list failed: $listed"
        sleep 1
    done
    if grep -qx "$CHANNEL" <<<"$listed"; then
        return 0
    fi
    step "peer0.platform joins channel $CHANNEL"
    quietly "peer channel join" peer_admin channel join -b "$net/channel/$CHANNEL.block"
    step_done
}

# ----------------------------------------------------------------------------------------------------------------
# chaincode as a service

java_bin() {
    local java="java" version
    if [[ -n "${JAVA_HOME:-}" ]]; then
        java="$JAVA_HOME/bin/java"
    fi
    command -v "$java" >/dev/null 2>&1 || die "no java at '$java' (set JAVA_HOME to a JDK 21 or newer)"
    version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
    [[ "${version%%.*}" =~ ^[0-9]+$ && ${version%%.*} -ge 21 ]] ||
        die "$java is Java '$version'; the chaincode needs Java 21 or newer (set JAVA_HOME)"
    echo "$java"
}

chaincode_jar() {
    local jar="$repo/chaincode/target/chaincode.jar"
    if [[ "${POX_CHAINCODE_BUILD:-1}" != 0 ]]; then
        step "chaincode/target/chaincode.jar (mvn package, POX_CHAINCODE_BUILD=0 skips)"
        command -v mvn >/dev/null 2>&1 || die "mvn not found; build the chaincode jar yourself and set POX_CHAINCODE_BUILD=0"
        java_bin >/dev/null # Maven compiles for Java 21: fail here, clearly, on an older JAVA_HOME
        quietly "building the chaincode" mvn -B -q -f "$repo/pom.xml" -pl chaincode -am package -DskipTests
        step_done
    fi
    [[ -s "$jar" ]] || die "$jar does not exist (build it: mvn -B -q -pl chaincode -am package -DskipTests)"
    echo "$jar"
}

# Writes <dir>/<label>.tar.gz, a chaincode-as-a-service package: metadata.json (type ccaas) and code.tar.gz
# holding connection.json. The tar files are reproducible (sorted, fixed owner and time, gzip without name or
# time), so the package id depends only on the label and the connection.
ccaas_package() { # ccaas_package <dir> <label>
    local dir="$1" label="$2"
    local staging="$dir/package"
    mkdir -p "$staging/code"
    printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":false}\n' "$CHAINCODE_PORT" \
        >"$staging/code/connection.json"
    printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$staging/metadata.json"
    local tar_flags=(--sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=gnu)
    tar "${tar_flags[@]}" -C "$staging/code" -cf - connection.json | gzip -n >"$staging/code.tar.gz"
    tar "${tar_flags[@]}" -C "$staging" -cf - metadata.json code.tar.gz | gzip -n >"$dir/$label.tar.gz.tmp"
    mv "$dir/$label.tar.gz.tmp" "$dir/$label.tar.gz"
}

start_chaincode() {
    if [[ "${POX_CHAINCODE_EXTERNAL:-0}" == 1 ]]; then
        wait_for_port chaincode "$CHAINCODE_PORT"
        return 0
    fi
    local java running
    running="$(pid_of chaincode)"
    if [[ -n "$running" && "$(cat "$run/chaincode.package" 2>/dev/null)" == "$cc_package_id" ]]; then
        say "chaincode service already running (pid $running, $cc_package_id)"
        return 0
    fi
    if [[ -n "$running" ]]; then
        stop_process chaincode
    fi
    java="$(java_bin)"
    step "chaincode service on 127.0.0.1:$CHAINCODE_PORT ($cc_package_id)"
    require_free_ports chaincode "$CHAINCODE_PORT"
    local java_opts
    read -r -a java_opts <<<"${POX_CHAINCODE_JAVA_OPTS:--Xms64m -Xmx512m}"
    # ContractRouter serves as a chaincode server when CHAINCODE_SERVER_ADDRESS is set; the peer knows it by
    # CORE_CHAINCODE_ID_NAME, which must be the installed package id. It runs the package's private copy of the jar:
    # rebuilding chaincode/target/chaincode.jar under a running JVM would break its class loading.
    start_process chaincode "$CHAINCODE_PORT" env \
        CHAINCODE_SERVER_ADDRESS="127.0.0.1:$CHAINCODE_PORT" \
        CORE_CHAINCODE_ID_NAME="$cc_package_id" \
        CORE_PEER_TLS_ENABLED=false \
        "$java" "${java_opts[@]}" -jar "$cc_package_dir/chaincode.jar"
    echo "$cc_package_id" >"$run/chaincode.package"
    step_done
}

json_number() { # json_number <field> <json text>
    grep -o "\"$1\": *[0-9]*" <<<"$2" | head -n 1 | grep -o '[0-9]*$' || true
}
json_string() { # json_string <field> <json text>
    grep -o "\"$1\": *\"[^\"]*\"" <<<"$2" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/' || true
}

# Retries a lifecycle transaction while a fresh orderer still elects its Raft leader.
with_retries() { # with_retries <what> <command>...
    local what="$1" attempt out
    shift
    out="$(mktemp)"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if "$@" >"$out" 2>&1; then
            rm -f "$out"
            return 0
        fi
        if ((attempt < 10)) && grep -qiE 'SERVICE_UNAVAILABLE|no Raft leader|connection refused|deadline exceeded' "$out"; then
            say "  $what: ordering service not ready yet (attempt $attempt), retrying in 1 s"
            sleep 1
            continue
        fi
        break
    done
    echo "----- output of: $* -----" >&2
    cat "$out" >&2
    echo "-----" >&2
    rm -f "$out"
    die "$what failed (output above)"
}

# Sets cc_package_id, cc_package, cc_package_dir, cc_version for the current chaincode jar; builds the package
# once per jar and port, and records the id in <network dir>/chaincode/package-id (the docker chaincode service
# reads it: it must register with the peer under exactly this id).
chaincode_package() {
    local jar label
    jar="$(chaincode_jar)"
    # The label carries the jar's hash, so a changed chaincode is a new package with a new package id.
    label="${CHAINCODE}_$(sha256sum "$jar" | cut -c1-16)"
    cc_package_dir="$net/chaincode/$label-$CHAINCODE_PORT"
    cc_package="$cc_package_dir/$label.tar.gz"
    if [[ ! -s "$cc_package" ]]; then
        step "chaincode package $label (ccaas, 127.0.0.1:$CHAINCODE_PORT)"
        mkdir -p "$cc_package_dir"
        ccaas_package "$cc_package_dir" "$label"
        cp "$jar" "$cc_package_dir/chaincode.jar"
        step_done "$cc_package"
    fi
    cc_package_id="$(peer lifecycle chaincode calculatepackageid "$cc_package" 2>"$net/calculatepackageid.err" | tail -n 1)"
    [[ "$cc_package_id" == "$label:"* ]] ||
        die "peer lifecycle chaincode calculatepackageid $cc_package gave '$cc_package_id': $(cat "$net/calculatepackageid.err")"
    rm -f "$net/calculatepackageid.err"
    echo "$cc_package_id" >"$net/chaincode/package-id"
    # The definition's version names the package, so "nothing changed" is visible in the committed definition.
    cc_version="${cc_package_id##*:}"
    cc_version="${cc_version:0:16}"
}

deploy_chaincode() {
    local package_id="$cc_package_id" package="$cc_package" version="$cc_version"
    local installed
    installed="$(peer_admin lifecycle chaincode queryinstalled --output json 2>&1)" ||
        die "peer lifecycle chaincode queryinstalled failed: $installed"
    if ! grep -q "\"package_id\": *\"$package_id\"" <<<"$installed"; then
        step "install $package_id on peer0.platform"
        quietly "peer lifecycle chaincode install" peer_admin lifecycle chaincode install "$package"
        step_done
    fi

    start_chaincode

    local orderer_flags=(-o "127.0.0.1:$ORDERER_PORT" --tls --cafile "$orderer_tls_ca")
    local committed committed_sequence=0 committed_version=""
    if committed="$(peer_admin lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" -O json 2>&1)"; then
        committed_sequence="$(json_number sequence "$committed")"
        committed_version="$(json_string version "$committed")"
    elif ! grep -q "namespace $CHAINCODE is not defined" <<<"$committed"; then
        die "peer lifecycle chaincode querycommitted failed: $committed"
    fi

    if [[ "$committed_version" == "$version" ]]; then
        say "chaincode $CHAINCODE unchanged: sequence $committed_sequence, version $version ($package_id)"
    else
        local sequence=$((committed_sequence + 1)) approved approved_package=""
        if approved="$(peer_admin lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CHAINCODE" \
            --sequence "$sequence" -O json 2>/dev/null)"; then
            approved_package="$(json_string package_id "$approved")"
        fi
        if [[ "$approved_package" != "$package_id" ]]; then
            step "approve $CHAINCODE sequence $sequence, version $version for PlatformOrg"
            with_retries "approveformyorg" peer_admin lifecycle chaincode approveformyorg "${orderer_flags[@]}" \
                --channelID "$CHANNEL" --name "$CHAINCODE" --version "$version" --sequence "$sequence" \
                --package-id "$package_id"
            step_done
        fi
        step "commit $CHAINCODE sequence $sequence"
        with_retries "commit" peer_admin lifecycle chaincode commit "${orderer_flags[@]}" \
            --channelID "$CHANNEL" --name "$CHAINCODE" --version "$version" --sequence "$sequence" \
            --peerAddresses "127.0.0.1:$PEER_PORT" --tlsRootCertFiles "$platform_tls_ca"
        step_done
    fi

    # End to end: Gateway peer -> chaincode service. Every contract-API chaincode answers this.
    step "smoke test: query the chaincode's metadata through peer0.platform"
    quietly "querying the chaincode (is the chaincode service reachable from the peer?)" \
        peer_admin chaincode query -C "$CHANNEL" -n "$CHAINCODE" \
        -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}'
    step_done
}

# ----------------------------------------------------------------------------------------------------------------
# commands

artifacts() {
    mkdir -p "$net" "$logs" "$run"
    touch "$marker"
    binaries
    crypto_material
    genesis_block
    write_client_env
    chaincode_package
}

up() {
    local started
    started=$(now_ms)
    artifacts
    start_orderer
    join_orderer
    start_peer
    join_peer
    deploy_chaincode
    say "network up in $(elapsed "$started"): channel $CHANNEL, chaincode $CHAINCODE; client settings in $net/fabric.env"
}

stop_component() { # stop_component <orderer|peer0.platform|chaincode>
    case "${1:-}" in
        orderer | peer0.platform | chaincode) ;;
        *) die "stop needs orderer, peer0.platform or chaincode, got '${1:-}'" ;;
    esac
    [[ -d "$run" ]] || die "nothing runs here: $run does not exist"
    stop_process "$1"
}

add_channel() { # add_channel <name>: one more channel on the running network, chaincode deployed
    local name="${1:-}"
    [[ "$name" =~ ^[a-z][a-z0-9.-]{0,48}$ ]] ||
        die "channel needs a name of lower-case letters, digits, '.' or '-' (starting with a letter), got '$name'"
    running_quietly || die "the network is not running: start it with network-config/network.sh up"
    local started
    started=$(now_ms)
    CHANNEL="$name"
    binaries
    genesis_block
    join_orderer
    join_peer
    chaincode_package
    deploy_chaincode
    echo "$CHANNEL" >>"$net/channels.added"
    say "channel $CHANNEL ready in $(elapsed "$started")"
}

run_node() { # run_node <orderer|peer0.platform>: in the foreground, for containers
    case "${1:-}" in
        orderer | peer0.platform) ;;
        *) die "node needs orderer or peer0.platform, got '${1:-}'" ;;
    esac
    binaries
    [[ -d "$crypto" ]] || die "no crypto material in $crypto: run network-config/network.sh artifacts first"
    local command
    mkdir -p "$net/$1"
    if [[ "$1" == orderer ]]; then
        orderer_command
    else
        peer_command
    fi
    exec "${command[@]}"
}

down() {
    if [[ -d "$run" ]]; then
        stop_process chaincode
        stop_process peer0.platform
        stop_process orderer
    else
        say "nothing to stop: $run does not exist"
    fi
    if [[ "${WIPE:-0}" == 1 && -d "$net" ]]; then
        [[ -e "$marker" ]] || die "refusing to delete $net: it has no $marker, so network.sh did not create it"
        rm -rf "$net"
        say "deleted $net"
    fi
}

status() {
    if [[ "${1:-}" == --quiet ]]; then
        running_quietly
        return
    fi
    printf '%-16s %-8s %-24s %s\n' component pid ports state
    local component ports pid state port
    for component in orderer peer0.platform chaincode; do
        case "$component" in
            orderer) ports="$ORDERER_PORT $ORDERER_ADMIN_PORT $ORDERER_OPS_PORT" ;;
            peer0.platform) ports="$PEER_PORT $PEER_CHAINCODE_PORT $PEER_OPS_PORT" ;;
            chaincode) ports="$CHAINCODE_PORT" ;;
        esac
        pid="$(pid_of "$component")"
        if [[ -n "$pid" ]]; then
            state="running"
            for port in $ports; do
                if ! port_open "$port"; then
                    state="running, port $port closed"
                fi
            done
            if [[ "$component" == chaincode && -s "$run/chaincode.package" ]]; then
                state="$state ($(<"$run/chaincode.package"))"
            fi
        else
            state="stopped"
            for port in $ports; do
                if port_open "$port"; then
                    state="stopped, but port $port is in use by another process"
                fi
            done
        fi
        printf '%-16s %-8s %-24s %s\n' "$component" "${pid:--}" "${ports// /,}" "$state"
    done
    if [[ -n "$(pid_of peer0.platform)" && -s "$FABRIC_SAMPLECONFIG_FILE" ]]; then
        export PATH="$FABRIC_BIN_DIR:$PATH" FABRIC_CFG_PATH
        FABRIC_CFG_PATH="$(<"$FABRIC_SAMPLECONFIG_FILE")"
        local info
        if info="$(peer_admin channel getinfo -c "$CHANNEL" 2>/dev/null)"; then
            echo "channel $CHANNEL: height $(json_number height "${info#*: }")"
        fi
    fi
    echo "network directory: $net (logs in $logs)"
}

# Exit status only: 0 when orderer, peer and chaincode service this script started all run and listen.
running_quietly() {
    local component
    for component in orderer peer0.platform chaincode; do
        [[ -n "$(pid_of "$component")" ]] || return 1
    done
    port_open "$ORDERER_PORT" && port_open "$PEER_PORT" && port_open "$CHAINCODE_PORT"
}

print_env() {
    [[ -s "$net/fabric.env" ]] || die "$net/fabric.env does not exist yet: run network-config/network.sh up"
    cat "$net/fabric.env"
}

main() {
    case "${1:-}" in
        up) up ;;
        artifacts) artifacts ;;
        node) run_node "${2:-}" ;;
        channel) add_channel "${2:-}" ;;
        stop) stop_component "${2:-}" ;;
        down) down ;;
        status) status "${2:-}" ;;
        env) print_env ;;
        *)
            sed -n '2,/^set -euo pipefail$/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
            exit 2
            ;;
    esac
}

# Sourcing this file (network-config/test-network-sh.sh does) defines the functions without running anything.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
