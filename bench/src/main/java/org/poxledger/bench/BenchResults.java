package org.poxledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench/results/latest.json}: {@code {"commit", "machine", "date", "metrics": {name: number}}}. Each benchmark
 * merges its own keys into the file, so one benchmark's run leaves the others' figures as they were.
 */
public final class BenchResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResults() {}

    /**
     * For benchmarks written as scripts: {@code BenchResults <file> <commit> name=value...}.
     *
     * @param args the results file, the commit, then one {@code name=value} per figure
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: BenchResults <file> <commit> name=value...");
        }
        Map<String, Number> metrics = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + args[i] + "'");
            }
            metrics.put(args[i].substring(0, equals), Double.parseDouble(args[i].substring(equals + 1)));
        }
        merge(Path.of(args[0]), args[1], metrics);
    }

    /**
     * @param file the results file (created if absent)
     * @param commit the commit measured
     * @param metrics this benchmark's figures
     */
    public static void merge(Path file, String commit, Map<String, ? extends Number> metrics) {
        try {
            ObjectNode root =
                    Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            Map<String, Number> merged = new TreeMap<>();
            if (root.has("metrics")) {
                root.get("metrics")
                        .properties()
                        .forEach(e -> merged.put(e.getKey(), e.getValue().numberValue()));
            }
            merged.putAll(metrics);
            root.put("commit", commit);
            root.put("machine", machine());
            root.put("date", Instant.now().toString());
            ObjectNode values = root.putObject("metrics");
            merged.forEach((name, value) -> {
                if (value instanceof Double || value instanceof Float) {
                    values.put(name, Math.round(value.doubleValue() * 100) / 100.0);
                } else {
                    values.put(name, value.longValue());
                }
            });
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return "%s, %d cores, %d MiB max heap, %s %s, Java %s"
                .formatted(
                        host,
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        Runtime.version());
    }
}
