package org.poxledger.bench.fabric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.poxledger.bench.BenchResults;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settlement on the real local network (DESIGN §8): on-chain transfers from request to committed block.
 *
 * <ul>
 *   <li>sequential submit-to-commit latency, p50 and p99;
 *   <li>committed transfers per second at each concurrency, every worker paying from its own payer (so no transfer
 *       conflicts with another: the figure is the network's, not the retries'), with the invalid ones counted;
 *   <li>the same on a channel with Fabric's default batching, as the baseline of the tuned one.
 * </ul>
 *
 * Bounded: each step runs for a fixed time. Every figure goes into {@code bench/results/latest.json}; a table per
 * concurrency goes to {@code bench/results/fabric-settlement.json} for the chart.
 *
 * <p>Usage: {@code java ... FabricSettlementBenchmark <repository> [seconds per step]}; {@code make bench} runs it when
 * {@code .pox/network/fabric.env} exists and the network is up.
 */
public final class FabricSettlementBenchmark {

    private static final Logger log = LoggerFactory.getLogger(FabricSettlementBenchmark.class);
    private static final int[] CONCURRENCY = {1, 16, 64, 256};
    private static final int PAYEES = 32;
    private static final int SEQUENTIAL_TRANSFERS = 200;
    private static final int HOT_PAYERS = 64;

    private final LedgerConnection[] connections;
    private final Funding funding;

    private FabricSettlementBenchmark(LedgerConnection[] connections) {
        this.connections = connections;
        this.funding = new Funding(connections[0]);
    }

    public static void main(String[] args) throws Exception {
        Path repository =
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Duration step = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        Path networkDir = repository.resolve(".pox/network");
        if (!TestChannel.networkExists(networkDir)) {
            log.warn("no local Fabric network in {}: Fabric settlement benchmark SKIPPED", networkDir);
            return;
        }
        String commit = args.length > 2 ? args[2] : "unknown";
        Map<String, Number> metrics = new LinkedHashMap<>();
        List<Map<String, Object>> table = new ArrayList<>();

        Map<String, Object> tuned = run(repository, networkDir, "PoxChannel", step, table);
        metrics.put("fabric_submit_p50_ms", (Number) tuned.get("sequential_p50_ms"));
        metrics.put("fabric_submit_p99_ms", (Number) tuned.get("sequential_p99_ms"));
        metrics.put("fabric_transfers_per_s", (Number) tuned.get("best_per_s"));
        metrics.put("fabric_transfers_invalid", (Number) tuned.get("invalid"));
        metrics.put("fabric_hot_payee_failed", (Number) tuned.get("hot_payee_failed"));

        Map<String, Object> baseline = run(repository, networkDir, "PoxChannelDefaultBatch", step, table);
        metrics.put("fabric_transfers_per_s_default_batch", (Number) baseline.get("best_per_s"));
        metrics.put("fabric_submit_p50_ms_default_batch", (Number) baseline.get("sequential_p50_ms"));

        BenchResults.merge(repository.resolve("bench/results/latest.json"), commit, metrics);
        BenchTable.write(repository.resolve("bench/results/fabric-settlement.json"), commit, table);
        log.info("Fabric settlement: {}", metrics);
    }

    private static Map<String, Object> run(
            Path repository, Path networkDir, String profile, Duration step, List<Map<String, Object>> table)
            throws Exception {
        String channel = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        TestChannel created = TestChannel.create(repository, networkDir, channel, profile);
        // several gRPC connections: one HTTP/2 connection serialises its frames on one socket
        LedgerConnection[] connections = new LedgerConnection[4];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = created.connect();
        }
        try {
            FabricSettlementBenchmark bench = new FabricSettlementBenchmark(connections);
            return bench.measure(profile, step, table);
        } finally {
            for (LedgerConnection connection : connections) {
                connection.close();
            }
        }
    }

    private Map<String, Object> measure(String profile, Duration step, List<Map<String, Object>> table)
            throws Exception {
        int maxConcurrency = CONCURRENCY[CONCURRENCY.length - 1];
        List<String> payers = funding.fundedMembers(maxConcurrency, 1_000_000);
        List<String> payees = funding.members(PAYEES);

        Histogram sequential = new Histogram(3);
        long sequentialDeadline = System.nanoTime() + step.toNanos();
        // at most SEQUENTIAL_TRANSFERS, and no longer than one step: Fabric's default batching takes 2 s per transfer
        for (int i = 0; i < SEQUENTIAL_TRANSFERS && (i < 10 || System.nanoTime() < sequentialDeadline); i++) {
            long started = System.nanoTime();
            transfer(connections[0], payers.getFirst(), payees.get(i % PAYEES));
            sequential.recordValue(System.nanoTime() - started);
        }
        double p50 = sequential.getValueAtPercentile(50) / 1e6;
        double p99 = sequential.getValueAtPercentile(99) / 1e6;
        log.info(
                "{}: sequential submit-to-commit p50 {} ms, p99 {} ms over {}",
                profile,
                p50,
                p99,
                SEQUENTIAL_TRANSFERS);

        long hotPayeeFailed = hotPayee(payers.subList(0, HOT_PAYERS), payees.getFirst());
        log.info("{}: {} payers paying one payee at once: {} failed", profile, HOT_PAYERS, hotPayeeFailed);

        double best = 0;
        long invalidTotal = 0;
        for (int concurrency : CONCURRENCY) {
            Step result = load(concurrency, payers, payees, step);
            best = Math.max(best, result.perSecond());
            invalidTotal += result.invalid();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("profile", profile);
            row.put("concurrency", concurrency);
            row.put("committed_per_s", result.perSecond());
            row.put("p50_ms", result.p50Ms());
            row.put("p99_ms", result.p99Ms());
            row.put("committed", result.committed());
            row.put("invalid", result.invalid());
            table.add(row);
            log.info("{}: {}", profile, row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sequential_p50_ms", p50);
        summary.put("sequential_p99_ms", p99);
        summary.put("best_per_s", best);
        summary.put("invalid", invalidTotal);
        summary.put("hot_payee_failed", hotPayeeFailed);
        return summary;
    }

    private Step load(int concurrency, List<String> payers, List<String> payees, Duration duration) throws Exception {
        Recorder latencies = new Recorder(3);
        AtomicLong committed = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                String payer = payers.get(w);
                LedgerConnection connection = connections[w % connections.length];
                running.add(workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long begun = System.nanoTime();
                        try {
                            transfer(
                                    connection,
                                    payer,
                                    payees.get(ThreadLocalRandom.current().nextInt(PAYEES)));
                            latencies.recordValue(System.nanoTime() - begun);
                            committed.incrementAndGet();
                        } catch (LedgerException e) {
                            invalid.incrementAndGet();
                            log.warn("transfer from {} failed: {} {}", payer, e.code(), e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram histogram = latencies.getIntervalHistogram();
        return new Step(
                committed.get() / seconds,
                histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6,
                committed.get(),
                invalid.get());
    }

    /** Every payer pays the one payee at the same moment: credits are blind writes, so none may fail. */
    private long hotPayee(List<String> payers, String payee) throws Exception {
        AtomicLong failed = new AtomicLong();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < payers.size(); i++) {
                String payer = payers.get(i);
                LedgerConnection connection = connections[i % connections.length];
                sent.add(clients.submit(() -> {
                    try {
                        transfer(connection, payer, payee);
                    } catch (LedgerException e) {
                        failed.incrementAndGet();
                        log.warn("hot-payee transfer from {} failed: {} {}", payer, e.code(), e.getMessage());
                    }
                }));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        }
        return failed.get();
    }

    private static void transfer(LedgerConnection connection, String payer, String payee) {
        connection.submit("money:Transfer", "t-" + UUID.randomUUID(), payer, payee, "1", "");
    }

    private record Step(double perSecond, double p50Ms, double p99Ms, long committed, long invalid) {}
}
