#!/usr/bin/env bash
# Builds the Fabric v3.1.5 binaries (peer, orderer, osnadmin, configtxgen, cryptogen) and the chaincode-as-a-service
# external builder (bin/build, bin/detect, bin/release) from the Go module proxy with `go install`, once per
# machine, into ~/.cache/pox/fabric/<commit>/ (POX_FABRIC_CACHE overrides ~/.cache/pox/fabric). Later runs reuse
# them. Also records where the Fabric module's own sampleconfig/ is in the Go module cache: network.sh points
# FABRIC_CFG_PATH there instead of copying Fabric's configuration into this repository.
#
# Needs Go (Fabric v3.1.5's go.mod asks for Go 1.26.4 or newer; an older go fetches that toolchain itself when
# GOTOOLCHAIN allows it) and access to the Go module proxy.
#
# Usage: network-config/fabric-binaries.sh        prints the binary directory on its last line
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=fabric-version.sh
source "$here/fabric-version.sh"

say() { echo "[fabric-binaries] $*" >&2; }
die() {
    echo "[fabric-binaries] ERROR: $*" >&2
    exit 1
}

all_present() {
    local tool
    for tool in "${FABRIC_TOOLS[@]}"; do
        [[ -x "$FABRIC_BIN_DIR/$tool" ]] || return 1
    done
    for tool in "${CCAAS_BUILDER_COMMANDS[@]}"; do
        [[ -x "$CCAAS_BUILDER_DIR/bin/$tool" ]] || return 1
    done
    [[ -s "$FABRIC_SAMPLECONFIG_FILE" ]] || return 1
    local sampleconfig
    sampleconfig="$(<"$FABRIC_SAMPLECONFIG_FILE")"
    [[ -f "$sampleconfig/core.yaml" && -f "$sampleconfig/orderer.yaml" ]]
}

if all_present; then
    say "reusing Fabric $FABRIC_VERSION binaries in $FABRIC_BIN_DIR"
    echo "$FABRIC_BIN_DIR"
    exit 0
fi

command -v go >/dev/null 2>&1 ||
    die "Go is not installed (or not on PATH). The local Fabric network is built from source with 'go install';
install Go 1.26.4 or newer (Debian: apt-get install golang-go, or a toolchain from go.dev) and run this again."
say "using $(go version)"

mkdir -p "$FABRIC_BIN_DIR" "$CCAAS_BUILDER_DIR/bin"
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT

# Same version stamping as Fabric's own Makefile, so `peer version` tells what runs.
ldflags="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=${FABRIC_COMMIT:0:7}"

go_install() { # go_install <GOBIN> <package>...
    local gobin="$1"
    shift
    local started=$SECONDS
    say "go install $* (@${FABRIC_COMMIT:0:12}) -> $gobin; the first build takes a few minutes"
    if ! GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -ldflags "$ldflags" "$@" >"$build_log" 2>&1; then
        echo "----- go output -----" >&2
        cat "$build_log" >&2
        echo "---------------------" >&2
        if grep -qE '403 Forbidden|410 Gone|404 Not Found|not available|invalid version' "$build_log"; then
            die "the Go module proxy ($(go env GOPROXY)) refused $FABRIC_MODULE@$FABRIC_COMMIT (output above).
The Fabric $FABRIC_VERSION binaries cannot be built on this machine. Options: use a machine whose GOPROXY serves the
module, set GOPROXY to a proxy that does (or GOPROXY=direct with access to the Fabric git repository), or run the
network with Docker (docker/README.md)."
        fi
        die "go install failed (output above)"
    fi
    say "built in $((SECONDS - started)) s"
}

fabric_packages=()
for tool in "${FABRIC_TOOLS[@]}"; do
    fabric_packages+=("$FABRIC_MODULE/cmd/$tool@$FABRIC_COMMIT")
done
go_install "$FABRIC_BIN_DIR" "${fabric_packages[@]}"

builder_packages=()
for command in "${CCAAS_BUILDER_COMMANDS[@]}"; do
    builder_packages+=("$FABRIC_CCAAS_MODULE/cmd/$command@$FABRIC_COMMIT")
done
go_install "$CCAAS_BUILDER_DIR/bin" "${builder_packages[@]}"

say "locating $FABRIC_MODULE's sampleconfig in the Go module cache"
if ! download_json="$(go mod download -json "$FABRIC_MODULE@$FABRIC_COMMIT" 2>&1)"; then
    echo "$download_json" >&2
    die "go mod download $FABRIC_MODULE@$FABRIC_COMMIT failed (output above)"
fi
module_dir="$(sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' <<<"$download_json")"
[[ -n "$module_dir" && -f "$module_dir/sampleconfig/core.yaml" && -f "$module_dir/sampleconfig/orderer.yaml" ]] ||
    die "no sampleconfig/core.yaml and orderer.yaml under '$module_dir' (go mod download said: $download_json)"
echo "$module_dir/sampleconfig" >"$FABRIC_SAMPLECONFIG_FILE"

"$FABRIC_BIN_DIR/peer" version >&2 || die "the freshly built peer does not run"
say "Fabric $FABRIC_VERSION ready: binaries in $FABRIC_BIN_DIR, ccaas builder in $CCAAS_BUILDER_DIR"
echo "$FABRIC_BIN_DIR"
