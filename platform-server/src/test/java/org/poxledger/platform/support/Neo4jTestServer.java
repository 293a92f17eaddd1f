package org.poxledger.platform.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.poxledger.procedures.LevelRecomputeProcedure;
import org.poxledger.procedures.RegistrationCountProcedure;

/**
 * One real, in-process Neo4j per test JVM (neo4j-harness, test scope only: the engine is GPL and never ships with
 * the server). Started on first use, stopped by a shutdown hook; Bolt listens on a free port of 127.0.0.1 without
 * authentication, with the PoX graph procedures registered as the embedded launcher registers them.
 *
 * <p>Tests that share it start from a clean graph with {@link #deleteAllData(Driver)}; schema (constraints, indexes,
 * applied migrations) survives, like it would on a real server.
 *
 * <pre>{@code
 * Driver driver = Neo4jTestServer.driver();          // repository tests, no Spring
 * Neo4jTestServer.deleteAllData(driver);
 * @PoxSpringBootTest class JourneyIT { ... }        // Spring tests: spring.neo4j.uri points here
 * }</pre>
 */
public final class Neo4jTestServer {

    private static Neo4j server;
    private static Driver driver;

    private Neo4jTestServer() {}

    /** @return the running server, started on the first call */
    public static synchronized Neo4j server() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(Neo4jTestServer::stop, "neo4j-test-server-stop"));
        }
        return server;
    }

    /** @return bolt URI of the shared server, for {@code spring.neo4j.uri} */
    public static URI boltUri() {
        return server().boltURI();
    }

    /** @return a driver to the shared server, owned by this class: do not close it */
    public static synchronized Driver driver() {
        if (driver == null) {
            driver = GraphDatabase.driver(boltUri(), AuthTokens.none());
        }
        return driver;
    }

    /**
     * Deletes every node and relationship except the record of applied schema migrations (the constraints and indexes
     * they created stay, so deleting them would make the migrator think a fresh database already has its schema).
     */
    public static void deleteAllData(Driver driver) {
        // CALL ... IN TRANSACTIONS needs an auto-commit transaction, which executableQuery does not give
        try (Session session = driver.session()) {
            session.run("""
                            MATCH (n) WHERE NOT n:__GraphMigration
                            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
        }
    }

    /**
     * Starts another, private server for a test that must own the whole database (for example one that drops the
     * schema); the caller closes it. Costs a server start, so prefer the shared one.
     */
    public static Neo4j startPrivate() {
        return start();
    }

    private static Neo4j start() {
        try {
            Path workDir = Files.createTempDirectory("pox-neo4j-test");
            return Neo4jBuilders.newInProcessBuilder(workDir)
                    .withDisabledServer()
                    .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(2))
                    // as the embedded launcher does: the server recomputes levels inside the database
                    .withProcedure(LevelRecomputeProcedure.class)
                    .withProcedure(RegistrationCountProcedure.class)
                    .build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a working directory for the test Neo4j", e);
        }
    }

    private static synchronized void stop() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
