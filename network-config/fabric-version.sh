# shellcheck shell=bash disable=SC2034  # every variable is for the scripts that source this file
# Which Fabric the local network runs, and where its binaries live. Sourced by fabric-binaries.sh and network.sh.

# Fabric v3.1.5. The module path has no /v3 suffix, so the Go proxy knows this release only by its commit.
FABRIC_VERSION="3.1.5"
FABRIC_COMMIT="86c1172bec37e6590c6b1ae6f847833df48d65fc"
FABRIC_MODULE="github.com/hyperledger/fabric"
# A module of its own inside the Fabric repository (ccaas_builder/go.mod), at the same commit.
FABRIC_CCAAS_MODULE="github.com/hyperledger/fabric/ccaas_builder"

# Outside the repository: built once per machine and shared by every checkout.
FABRIC_CACHE_DIR="${POX_FABRIC_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pox/fabric}/$FABRIC_COMMIT"
FABRIC_BIN_DIR="$FABRIC_CACHE_DIR/bin"
# The peer's external builder directory: bin/detect, bin/build, bin/release.
CCAAS_BUILDER_DIR="$FABRIC_CACHE_DIR/ccaas_builder"
# Holds the path of the Fabric module's own sampleconfig/ in the Go module cache (core.yaml, orderer.yaml).
FABRIC_SAMPLECONFIG_FILE="$FABRIC_CACHE_DIR/sampleconfig.path"

FABRIC_TOOLS=(peer orderer osnadmin configtxgen cryptogen)
CCAAS_BUILDER_COMMANDS=(build detect release)
