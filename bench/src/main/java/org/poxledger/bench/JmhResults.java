package org.poxledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the scores of JMH's JSON output ({@code -rf json}) into {@code bench/results/latest.json}, under the name
 * each benchmark method declares with {@link Metric}: {@code JmhResults <jmh-result.json> <latest.json> <commit>}.
 */
public final class JmhResults {

    private static final Logger log = LoggerFactory.getLogger(JmhResults.class);

    private JmhResults() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: JmhResults <jmh-result.json> <latest.json> <commit>");
        }
        Map<String, Number> metrics = new TreeMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String benchmark = run.path("benchmark").asText();
            double score = run.path("primaryMetric").path("score").asDouble();
            metricOf(benchmark).ifPresent(name -> metrics.put(name, score));
        }
        log.info("JMH figures into {}: {}", args[1], metrics);
        BenchResults.merge(Path.of(args[1]), args[2], metrics);
    }

    /** @param benchmark JMH's name of it: the class's binary name, a dot, the method */
    private static Optional<String> metricOf(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        try {
            Class<?> type = Class.forName(benchmark.substring(0, dot));
            String methodName = benchmark.substring(dot + 1);
            return Arrays.stream(type.getMethods())
                    .filter(method -> method.getName().equals(methodName))
                    .filter(method -> method.isAnnotationPresent(Benchmark.class))
                    .map(method -> method.getAnnotation(Metric.class))
                    .filter(metric -> metric != null)
                    .map(Metric::value)
                    .findFirst();
        } catch (ClassNotFoundException e) {
            log.warn("benchmark {} is not on the class path: its score stays in JMH's output only", benchmark);
            return Optional.empty();
        }
    }
}
