package org.poxledger.platform.reliability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged server ({@code platform-server-*-exec.jar}) in a process of its own, so that a test can do to it what
 * an operator's machine does: {@code kill -9} it ({@link #kill()}: SIGKILL, no shutdown hook runs) and start it again
 * over the same Neo4j and ledger. It listens on 127.0.0.1 only and is stopped by its pid.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Map<String, String> environment;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    /**
     * @param environment the server's POX_* settings
     * @param arguments Spring arguments such as {@code --pox.rewards.chunk-size=1}
     * @param log where its output goes; each start appends
     */
    ServerProcess(Map<String, String> environment, List<String> arguments, Path log) {
        this.environment = new HashMap<>(environment);
        this.arguments = List.copyOf(arguments);
        this.log = log;
    }

    /** Starts the server and returns once it logged that it started. */
    void start() {
        int logged = output().length();
        process = launch(arguments);
        awaitLogLine("Started PoxPlatformApplication", logged, process, START_TIMEOUT);
    }

    /**
     * Runs the jar to completion with extra arguments (e.g. {@code --pox.rebuild-graph=true}, as {@code make
     * rebuild-graph} does).
     *
     * @return its exit status
     */
    int runToCompletion(List<String> extra, Duration timeout) throws InterruptedException {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(extra);
        Process run = launch(all);
        if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            run.destroyForcibly();
            fail("the server run with " + extra + " did not finish within " + timeout + "; log " + log);
        }
        return run.exitValue();
    }

    /** {@code kill -9}: the JVM gets no chance to finish anything it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** @return the server's output so far */
    String output() {
        if (!Files.exists(log)) {
            return "";
        }
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Process launch(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for the line in what the log got after {@code from}: an earlier start logged it too. */
    private void awaitLogLine(String line, int from, Process started, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().indexOf(line, from) >= 0) {
                return;
            }
            if (!started.isAlive()) {
                fail("the server exited with " + started.exitValue() + " before it started; log " + log + ":\n"
                        + tail());
            }
            sleep(Duration.ofMillis(250));
        }
        fail("the server did not start within " + timeout + "; log " + log + ":\n" + tail());
    }

    private String tail() {
        String all = output();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    /** failsafe runs after {@code package}, in the module directory: the jar is in target/. */
    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("platform-server-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no platform-server-*-exec.jar in target/: mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
