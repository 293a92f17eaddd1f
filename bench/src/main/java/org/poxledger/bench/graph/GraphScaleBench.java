package org.poxledger.bench.graph;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.poxledger.bench.BenchNeo4j;
import org.poxledger.bench.BenchResults;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.graph.GraphProperties;
import org.poxledger.platform.graph.GraphSchemaMigrator;
import org.poxledger.platform.level.DepthCounterRecomputer;
import org.poxledger.platform.level.LevelRecorder;
import org.poxledger.platform.member.MemberBatchProjection;
import org.poxledger.platform.member.MemberProjection;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graph-at-scale benchmarks of issue 11, a plain timed harness (each measurement is one long run, not a
 * microsecond loop, so JMH's machinery adds nothing): projection throughput, single-registration counter latency, and
 * the full level recompute with its naive per-member baseline, on generated trees of 10k, 100k and 1M members, against
 * a real Neo4j in this JVM. Run by {@code make bench} ({@code scripts/bench.sh}); results merge into
 * {@code bench/results/latest.json}, per-size figures into {@code bench/results/graph-scale.json} for the chart.
 *
 * <p>System properties: {@code pox.bench.sizes} (default {@code 10000,100000,1000000}), {@code
 * pox.bench.projection-max} (largest tree the projection and counter benchmarks run on, default 100000), {@code
 * pox.bench.out}
 * (default {@code bench/results}), {@code pox.bench.commit}.
 */
public final class GraphScaleBench {

    private static final Logger log = LoggerFactory.getLogger(GraphScaleBench.class);
    private static final long EPOCH = 1_700_000_000_000L;
    private static final int PROJECTION_BATCH = 1000;
    // measured at 100k members: p99 7.2 ms after 2,000 untimed registrations, 5.6 ms after 5,000 (Cypher's runtime
    // and the driver's path are still being compiled well past the first thousand)
    private static final int COUNTER_WARM_UP = 5000;

    private final Driver driver;
    private final PolicyCatalog policies = new OnePolicy(RewardPolicy.defaultPolicy());
    private final LevelRecorder recorder = new LevelRecorder(policies);
    private final MemberProjection single;
    private final MemberBatchProjection batch;
    private final DepthCounterRecomputer recomputer;
    private final DepthCounterRecomputer boltRecomputer;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    GraphScaleBench(Driver driver) {
        this.driver = driver;
        JsonMapper json = JsonMapper.builder().build();
        single = new MemberProjection(driver, json, recorder);
        batch = new MemberBatchProjection(driver, json, recorder);
        recomputer = new DepthCounterRecomputer(driver, recorder, Clock.systemUTC());
        boltRecomputer =
                new DepthCounterRecomputer(driver, recorder, Clock.systemUTC(), DepthCounterRecomputer.Where.OVER_BOLT);
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("pox.bench.sizes", "10000,100000,1000000")
                        .split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        Path out = Path.of(System.getProperty("pox.bench.out", "bench/results"));
        try (Neo4j neo4j = BenchNeo4j.start();
                // the driver logs through SLF4J, as in the server (Spring's logging system bridges it at the
                // configured levels); its default System.Logger, under the engine's java.util.logging set-up in this
                // JVM, formats every Bolt message at DEBUG, parameters included, before discarding it
                Driver driver = GraphDatabase.driver(
                        neo4j.boltURI(),
                        AuthTokens.none(),
                        Config.builder().withLogging(Logging.slf4j()).build())) {
            new GraphSchemaMigrator(driver, new GraphProperties(null, null, null)).migrate();
            GraphScaleBench bench = new GraphScaleBench(driver);
            // results are merged after each size, so a long run that is stopped keeps what it measured
            for (int size : sizes) {
                bench.measure(size);
                BenchResults.merge(
                        out.resolve("latest.json"),
                        System.getProperty("pox.bench.commit", "unknown"),
                        bench.headline(sizes));
                BenchResults.merge(
                        out.resolve("graph-scale.json"),
                        System.getProperty("pox.bench.commit", "unknown"),
                        bench.metrics);
            }
            log.info("graph-scale metrics: {}", bench.metrics);
        }
    }

    private void measure(int size) {
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, size, 11);
        log.info("tree of {} members: depth {}, widest fan {}", size, tree.depth(), tree.widestFan());
        String label = label(size);
        if (size <= Integer.getInteger("pox.bench.projection-max", 100_000)) {
            wipe();
            metrics.put("projection_" + label + "_events_per_s", projectionRate(tree));
            metrics.put("counter_update_" + label + "_p99_ms", counterP99(tree, 1000));
        }
        double seconds = recompute(recomputer, tree);
        metrics.put("level_recompute_" + label + "_s", seconds);
        // the same recompute over Bolt, for servers without the procedure, on the same tree loaded afresh
        metrics.put("level_recompute_bolt_" + label + "_s", recompute(boltRecomputer, tree));
        double naivePerMember = naiveSecondsPerMember(tree, 300);
        metrics.put("level_recompute_naive_" + label + "_s", naivePerMember * size);
        metrics.put("level_recompute_naive_ratio_" + label, naivePerMember * size / seconds);
        log.info("{} members: naive recompute ≈ {} s", size, naivePerMember * size);
    }

    /** Loads the tree with zero counters and recomputes it: every member with recruits is corrected and written. */
    private double recompute(DepthCounterRecomputer how, GeneratedTree tree) {
        wipe();
        TreeLoader.load(driver, tree, EPOCH);
        long started = System.nanoTime();
        DepthCounterRecomputer.Recompute recompute = how.recompute();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (recompute.corrected() != tree.size() - leaves(tree)
                || !recomputer.check().consistent()) {
            throw new IllegalStateException(
                    "recompute of " + tree.size() + " members left wrong counters: " + recompute);
        }
        log.info(
                "{} members: recompute {} s ({} corrected, {} level changes)",
                tree.size(),
                seconds,
                recompute.corrected(),
                recompute.levelChanges());
        return seconds;
    }

    /** Members whose counters stay all zero (no recruits), which the recompute therefore need not correct. */
    private static long leaves(GeneratedTree tree) {
        boolean[] hasChild = new boolean[tree.size()];
        for (int p : tree.parent()) {
            if (p >= 0) {
                hasChild[p] = true;
            }
        }
        long leaves = 0;
        for (boolean b : hasChild) {
            leaves += b ? 0 : 1;
        }
        return leaves;
    }

    /** Every registration as its {@code MemberRegistered} payload, fed in listener-sized batches. */
    private double projectionRate(GeneratedTree tree) {
        List<String> payloads = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            payloads.add(TreeLoader.registeredJson(tree, i, EPOCH));
        }
        long started = System.nanoTime();
        for (int from = 0; from < payloads.size(); from += PROJECTION_BATCH) {
            batch.applyAll(payloads.subList(from, Math.min(payloads.size(), from + PROJECTION_BATCH)));
        }
        double rate = tree.size() / ((System.nanoTime() - started) / 1e9);
        log.info("projected {} registrations in batches of {}: {} events/s", tree.size(), PROJECTION_BATCH, rate);
        return rate;
    }

    /**
     * Registrations one at a time, as the server projects its own writes, under random members of the tree. The first
     * {@link #COUNTER_WARM_UP} are not timed: they plan the statement and compile the hot code, as a server's first
     * registrations do once after it starts. This is the steady-state latency, not the first minute's.
     */
    private double counterP99(GeneratedTree tree, int registrations) {
        SplittableRandom random = new SplittableRandom(99);
        long[] nanos = new long[registrations];
        for (int i = -COUNTER_WARM_UP; i < registrations; i++) {
            String id = "new" + (i + COUNTER_WARM_UP);
            Member member = new Member(
                    TreeLoader.accountHash(tree.size() + COUNTER_WARM_UP + i),
                    id,
                    GeneratedTree.id(random.nextInt(tree.size())),
                    EPOCH + tree.size() + COUNTER_WARM_UP + i,
                    "tx-" + id,
                    MemberStatus.ACTIVE,
                    EPOCH + tree.size() + COUNTER_WARM_UP + i);
            long started = System.nanoTime();
            single.project(member);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        double p99 = nanos[(int) Math.ceil(registrations * 0.99) - 1] / 1e6;
        log.info(
                "single registrations into {} members: p50 {} ms, p99 {} ms",
                tree.size(),
                nanos[registrations / 2] / 1e6,
                p99);
        return p99;
    }

    /** The naive way: one Cypher per member counting its descendants per depth and writing them back. */
    private double naiveSecondsPerMember(GeneratedTree tree, int sample) {
        SplittableRandom random = new SplittableRandom(7);
        long started = System.nanoTime();
        try (Session session = driver.session()) {
            for (int i = 0; i < sample; i++) {
                String id = GeneratedTree.id(random.nextInt(tree.size()));
                session.executeWrite(tx -> tx.run("""
                                MATCH (m:Member {memberId: $id})
                                OPTIONAL MATCH path = (m)-[:RECOMMENDED*1..10]->(:Member)
                                WITH m, length(path) AS depth, count(*) AS n
                                WITH m, collect([depth, n]) AS byDepth
                                SET m.counts = [d IN range(1, 10) |
                                    coalesce(head([x IN byDepth WHERE x[0] = d | x[1]]), 0)]
                                """, Map.of("id", id)).consume());
            }
        }
        return (System.nanoTime() - started) / 1e9 / sample;
    }

    private Map<String, Double> headline(List<Integer> sizes) {
        Map<String, Double> headline = new LinkedHashMap<>();
        // the largest tree the projection ran on (100k by default; pox.bench.projection-max lowers it)
        for (int size : sizes) {
            copy(headline, "projection_events_per_s", "projection_" + label(size) + "_events_per_s");
            copy(headline, "counter_update_p99_ms", "counter_update_" + label(size) + "_p99_ms");
        }
        copy(headline, "level_recompute_1m_s", "level_recompute_1m_s");
        // the ratio at the largest tree measured (1M by default); graph-scale.json keeps every size
        for (int size : sizes) {
            copy(headline, "level_recompute_naive_ratio", "level_recompute_naive_ratio_" + label(size));
        }
        return headline;
    }

    private void copy(Map<String, Double> into, String name, String from) {
        Double value = metrics.get(from);
        if (value != null) {
            into.put(name, Math.round(value * 1000) / 1000.0);
        }
    }

    private static String label(int size) {
        return size % 1_000_000 == 0 ? size / 1_000_000 + "m" : size % 1000 == 0 ? size / 1000 + "k" : "" + size;
    }

    private void wipe() {
        try (Session session = driver.session()) {
            session.run("""
                            MATCH (n) WHERE NOT n:__GraphMigration
                            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
        }
    }

    /** The default policy, no ledger: the level arithmetic is what is measured, not the catalog. */
    private record OnePolicy(RewardPolicy policy) implements PolicyCatalog {
        @Override
        public RewardPolicy current() {
            return policy;
        }

        @Override
        public Optional<RewardPolicy> version(int version) {
            return version == policy.version() ? Optional.of(policy) : Optional.empty();
        }
    }
}
