package org.poxledger.bench.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench/results/latest.json}: {@code {"commit","machine","date","metrics":{name:number}}}. Each benchmark
 * merges its own metrics in and leaves every other key as it found it.
 */
public final class BenchResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchResults() {}

    public static void merge(Path file, String commit, String machine, Map<String, Double> metrics) {
        try {
            ObjectNode root = Files.exists(file) && Files.size(file) > 0
                    ? (ObjectNode) JSON.readTree(file.toFile())
                    : JSON.createObjectNode();
            root.put("commit", commit);
            root.put("machine", machine);
            root.put("date", Instant.now().toString());
            JsonNode existing = root.get("metrics");
            ObjectNode merged = existing instanceof ObjectNode node ? node : JSON.createObjectNode();
            metrics.forEach(merged::put);
            root.set("metrics", merged);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }
}
