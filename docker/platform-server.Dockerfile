# The platform server (Spring Boot). Build context: the repository root, after
# `mvn -B -q -pl platform-server -am package -DskipTests`.
FROM eclipse-temurin:21-jre

ARG JAR_FILE=platform-server/target/platform-server-0.1.0-SNAPSHOT.jar
COPY ${JAR_FILE} /opt/pox/platform-server.jar

ENV JAVA_OPTS="-Xms256m -Xmx1g"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/pox/platform-server.jar"]
