#!/usr/bin/env bash
# The Fabric half of `make test`: runs `mvn verify` with every Fabric integration test against a real local network.
#
# A network that already runs (`make run`, `make network-up`) is reused and left running; `network.sh up` first, which
# redeploys the chaincode only if the jar changed. Otherwise a throwaway network is started in .pox/test-network and
# deleted afterwards, so test channels never pile up in the developer's own ledger. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

dev_net="$PWD/.pox/network"
if POX_NETWORK_DIR="$dev_net" network-config/network.sh status --quiet; then
    net="$dev_net"
    started=0
else
    net="$PWD/.pox/test-network"
    started=1
    # a test network left by a killed run: stop what it still runs, then start from nothing
    POX_NETWORK_DIR="$net" WIPE=1 network-config/network.sh down > /dev/null 2>&1 || true
fi
export POX_NETWORK_DIR="$net" POX_FABRIC_NETWORK_DIR="$net" POX_CHAINCODE_BUILD=0

stop() {
    if [[ $started == 1 ]]; then
        WIPE=1 network-config/network.sh down || true
    fi
}
trap stop EXIT

if ! network-config/network.sh up; then
    scripts/banner.sh "The Fabric network could not start (above). 'POX_SKIP_FABRIC=1 make test' runs every other test."
    exit 1
fi
mvn -B -ntp verify -Dpox.skipFabricIT=false "$@"
