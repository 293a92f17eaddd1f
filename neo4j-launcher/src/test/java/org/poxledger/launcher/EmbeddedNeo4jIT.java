package org.poxledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;

class EmbeddedNeo4jIT {

    @TempDir
    Path home;

    @Test
    void serves_cypher_over_bolt_on_the_loopback_port_and_releases_it_when_closed() {
        int port = FreePorts.freeLoopbackPort();
        LauncherSettings settings =
                new LauncherSettings(home, port, Optional.empty(), LauncherSettings.DEFAULT_PAGE_CACHE_MIB);

        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(settings);
                Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            driver.verifyConnectivity();
            driver.executableQuery("CREATE (:Probe {name: $name})")
                    .withParameters(Map.of("name", "launcher"))
                    .execute();
            Record record = driver.executableQuery("MATCH (p:Probe) RETURN p.name AS name, count(*) AS n")
                    .execute()
                    .records()
                    .getFirst();

            assertThat(neo4j.boltUri()).isEqualTo("bolt://127.0.0.1:" + port);
            assertThat(record.get("name").asString()).isEqualTo("launcher");
            assertThat(record.get("n").asLong()).isEqualTo(1);
            assertThat(driver.executableQuery(
                                    "SHOW PROCEDURES YIELD name WHERE name = 'pox.levels.recompute' RETURN count(*) AS n")
                            .execute()
                            .records()
                            .getFirst()
                            .get("n")
                            .asLong())
                    .as("the level recompute procedure is registered")
                    .isEqualTo(1);
        }

        assertThat(FreePorts.accepts(port))
                .as("Bolt port closed after shutdown")
                .isFalse();
        assertThat(home.resolve("data/databases/neo4j")).isDirectory();
    }

    @Test
    void a_taken_bolt_port_fails_the_launcher_with_status_1_no_ready_line_and_no_pid_file() throws IOException {
        Path pidFile = home.resolve("neo4j.pid");
        ByteArrayOutputStream announcements = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = Neo4jLauncher.run(
                    Map.of(
                            "POX_NEO4J_BOLT_PORT", Integer.toString(taken.getLocalPort()),
                            "POX_NEO4J_DATA", home.resolve("home").toString(),
                            "POX_NEO4J_PIDFILE", pidFile.toString()),
                    new PrintStream(announcements, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(1);
        }
        assertThat(announcements.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(pidFile).doesNotExist();
    }
}
