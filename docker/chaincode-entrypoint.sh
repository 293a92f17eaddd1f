#!/usr/bin/env bash
# Starts the chaincode service under the package id network.sh computed (the peer only talks to a chaincode that
# registers with exactly that id), after checking that this image holds the jar that package was made from.
set -euo pipefail

jar=/opt/pox/chaincode.jar
id_file="${POX_PACKAGE_ID_FILE:?POX_PACKAGE_ID_FILE is not set}"

[[ -s "$id_file" ]] || {
    echo "chaincode: $id_file does not exist; run network-config/network.sh artifacts first (compose: fabric-init)" >&2
    exit 1
}
package_id="$(<"$id_file")"
label="${package_id%%:*}"
jar_hash="$(sha256sum "$jar" | cut -c1-16)"
if [[ "$label" != "pox_$jar_hash" ]]; then
    echo "chaincode: package $package_id was made from another chaincode.jar than this image holds (pox_$jar_hash);" \
        "rebuild the image: docker compose -f docker/compose.yaml build chaincode" >&2
    exit 1
fi

read -r -a java_opts <<<"${JAVA_OPTS:-}"
export CORE_CHAINCODE_ID_NAME="$package_id" CORE_PEER_TLS_ENABLED=false
echo "chaincode: serving $package_id on $CHAINCODE_SERVER_ADDRESS" >&2
exec java "${java_opts[@]}" -jar "$jar"
