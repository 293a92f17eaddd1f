# shellcheck shell=bash
# Source this file to export the POX_FABRIC_* variables of the local network (written by `network.sh up` to
# <network dir>/fabric.env): the platform operator's Gateway connection, as FabricLedgerSettings.fromVariables
# and the platform server read it.
#   source network-config/client-env.sh
_pox_env_file="${POX_NETWORK_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.pox/network}/fabric.env"
if [[ -s "$_pox_env_file" ]]; then
    set -a
    # shellcheck source=/dev/null
    source "$_pox_env_file"
    set +a
    unset _pox_env_file
else
    echo "network-config/client-env.sh: $_pox_env_file does not exist: run network-config/network.sh up" >&2
    unset _pox_env_file
    return 1
fi
