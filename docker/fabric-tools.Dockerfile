# The Fabric v3.1.5 command-line tools (peer CLI, osnadmin, configtxgen, cryptogen) from Fabric's release archive,
# with Fabric's own sampleconfig as FABRIC_CFG_PATH. Runs network-config/network.sh from the repository mounted at
# /pox: `artifacts` before the nodes start, `up` (channel joins, chaincode deployment) once they run.
FROM debian:bookworm-slim

ARG FABRIC_VERSION=3.1.5
ARG TARGETARCH=amd64

RUN apt-get update \
    && apt-get install -y --no-install-recommends bash ca-certificates curl gzip tar coreutils \
    && rm -rf /var/lib/apt/lists/*

# bin/ (peer, orderer, osnadmin, configtxgen, cryptogen, ...), config/ (core.yaml, orderer.yaml), builders/ccaas/.
RUN mkdir -p /opt/fabric \
    && curl -fsSL "https://github.com/hyperledger/fabric/releases/download/v${FABRIC_VERSION}/hyperledger-fabric-linux-${TARGETARCH}-${FABRIC_VERSION}.tar.gz" \
       | tar -xz -C /opt/fabric \
    && /opt/fabric/bin/peer version

ENV PATH=/opt/fabric/bin:$PATH \
    FABRIC_CFG_PATH=/opt/fabric/config \
    POX_FABRIC_USE_PATH=1 \
    POX_CCAAS_BUILDER_DIR=/opt/fabric/builders/ccaas \
    POX_CHAINCODE_BUILD=0

WORKDIR /pox
ENTRYPOINT ["bash", "/pox/network-config/network.sh"]
CMD ["status"]
