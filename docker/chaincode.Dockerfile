# The PoX chaincode as a Fabric chaincode service (ContractRouter in server mode). Build context: the repository
# root, after `mvn -B -q -pl chaincode -am package -DskipTests` has written chaincode/target/chaincode.jar.
FROM eclipse-temurin:21-jre

COPY chaincode/target/chaincode.jar /opt/pox/chaincode.jar
COPY docker/chaincode-entrypoint.sh /opt/pox/chaincode-entrypoint.sh

ENV CHAINCODE_SERVER_ADDRESS=127.0.0.1:9999 \
    POX_PACKAGE_ID_FILE=/pox/.pox/network/chaincode/package-id \
    JAVA_OPTS="-Xms64m -Xmx512m"

ENTRYPOINT ["bash", "/opt/pox/chaincode-entrypoint.sh"]
