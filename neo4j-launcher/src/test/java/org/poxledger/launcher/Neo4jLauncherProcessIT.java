package org.poxledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** run.sh as the Makefile uses it: a separate process that announces readiness and stops on SIGTERM. */
class Neo4jLauncherProcessIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void run_sh_announces_bolt_writes_its_pid_and_stops_cleanly_on_sigterm() throws Exception {
        int port = FreePorts.freeLoopbackPort();
        Path pidFile = dir.resolve("run/neo4j.pid");
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder =
                new ProcessBuilder(Path.of("run.sh").toAbsolutePath().toString()).redirectError(log.toFile());
        builder.environment().put("POX_NEO4J_BOLT_PORT", Integer.toString(port));
        builder.environment().put("POX_NEO4J_DATA", dir.resolve("home").toString());
        builder.environment().put("POX_NEO4J_PIDFILE", pidFile.toString());
        builder.environment().put("POX_NEO4J_JAVA_OPTS", "-Xms128m -Xmx512m");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            String ready = readyLine(process).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(ready).isEqualTo("Neo4j ready at bolt://127.0.0.1:" + port);
            assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(process.pid()));
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.none())) {
                assertThat(driver.executableQuery("RETURN 41 + 1 AS answer")
                                .execute()
                                .records()
                                .getFirst()
                                .get("answer")
                                .asInt())
                        .isEqualTo(42);
            }

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within 60 s")
                    .isTrue();
            assertThat(process.exitValue()).as("JVM exit status after SIGTERM").isEqualTo(143);
            assertThat(pidFile).doesNotExist();
            assertThat(FreePorts.accepts(port)).isFalse();
            assertThat(Files.readString(log)).contains("Neo4j stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> readyLine(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(Neo4jLauncher.READY_PREFIX)) {
                        return line;
                    }
                }
                throw new IllegalStateException("launcher exited without announcing readiness");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
