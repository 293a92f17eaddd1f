package org.poxledger.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Neo4j community engine in its own small process for development: Bolt on 127.0.0.1, no HTTP, no
 * authentication (loopback only). Prints {@code Neo4j ready at bolt://127.0.0.1:<port>} on standard output once
 * queries can run, and stops cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Environment: {@code POX_NEO4J_BOLT_PORT} (7687), {@code POX_NEO4J_DATA} (DBMS home, {@code .pox/neo4j}),
 * {@code POX_NEO4J_PIDFILE} (optional; written at start, removed at a clean stop). Started by
 * {@code neo4j-launcher/run.sh}.
 *
 * <p>The engine is GPL-licensed; this module is the only one that depends on it, so the platform server's own
 * artifact never contains it.
 */
public final class Neo4jLauncher {

    /** The line scripts wait for. */
    static final String READY_PREFIX = "Neo4j ready at ";

    private static final Logger log = LoggerFactory.getLogger(Neo4jLauncher.class);

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    /**
     * Starts Neo4j, announces it and blocks until the JVM shuts down.
     *
     * @return the exit status when Neo4j could not start; never returns otherwise
     */
    static int run(Map<String, String> environment, PrintStream announcements) {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            log.error("Neo4j launcher not started: {}", e.getMessage());
            return 2;
        }
        try {
            settings.pidFile().ifPresent(Neo4jLauncher::writePid);
        } catch (IllegalStateException e) {
            log.error("Neo4j launcher not started: {}", e.getMessage());
            return 2;
        }
        EmbeddedNeo4j neo4j;
        try {
            neo4j = EmbeddedNeo4j.start(settings);
        } catch (RuntimeException e) {
            log.error("Neo4j could not start on {} with home {}", settings.boltUri(), settings.home(), e);
            settings.pidFile().ifPresent(Neo4jLauncher::deletePid);
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            neo4j.close();
                            settings.pidFile().ifPresent(Neo4jLauncher::deletePid);
                        },
                        "neo4j-shutdown"));
        // A protocol line on standard output, not a log message: run.sh and the Makefile wait for exactly this text.
        announcements.println(READY_PREFIX + neo4j.boltUri());
        announcements.flush();
        awaitShutdown();
        return 0;
    }

    private static void awaitShutdown() {
        // SIGTERM runs the shutdown hook and exits the JVM while this thread still waits.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writePid(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write POX_NEO4J_PIDFILE " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deletePid(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete pid file {}: {}", file, e.getMessage());
        }
    }
}
