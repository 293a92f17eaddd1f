package org.poxledger.platform.reward;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.poxledger.bench.BenchNeo4j;
import org.poxledger.bench.BenchResults;
import org.poxledger.bench.fabric.TestChannel;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.poxledger.platform.graph.GraphProperties;
import org.poxledger.platform.graph.GraphSchemaMigrator;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 point 4: a reward cycle of 100k entries computed (amounts, levels, Merkle root), stored as a plan in Neo4j
 * and paid on the ledger by the server's own {@link RewardCycleRunner}, parallel chunks and the closing
 * {@code rewards:SealCycle} included; {@code reward_cycle_100k_paid_s} is the wall time from the computation's start
 * to the sealed cycle. It lives in the reward package for the runner's package-private wiring.
 *
 * <p>The earners are registered on the ledger first (not timed): 100k genesis members, each of which recruits one
 * member in the cycle over a random tree, so every one of them earns. Each (chunk size, parallel chunks) pair pays a
 * fresh cycle of the same members, so one run measures the sizes side by side.
 *
 * <p>System properties: {@code pox.bench.reward-entries} (100000), {@code pox.bench.chunk-sizes} (100,200,500,1000),
 * {@code pox.bench.parallel} (1,8), {@code pox.bench.ledger} ({@code embedded} or {@code fabric}: a fresh channel of
 * the local network in {@code pox.bench.repository}/.pox/network), {@code pox.bench.register-clients} (32: registrations
 * in flight while the earners are set up), {@code pox.bench.out}, {@code pox.bench.commit}. The best total goes into
 * {@code latest.json} as {@code reward_cycle_<N>k_paid_s} for Fabric, {@code reward_cycle_<N>k_paid_s_embedded} else.
 */
public final class RewardCycleScaleBench {

    private static final Logger log = LoggerFactory.getLogger(RewardCycleScaleBench.class);
    private static final String DEFAULT_POLICY = """
            {"baseRewardUnits":10000,"currency":{"decimals":2,"symbol":"PXC"},\
            "levelWeightBps":[10000,5000,2500],"maxDepth":3,"payoutShareBps":[10000,2000,500],\
            "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000},\
            {"level":2,"minDirect":2,"minScoreBps":30000,"rateBps":12500},\
            {"level":3,"minDirect":3,"minScoreBps":100000,"rateBps":15000},\
            {"level":4,"minDirect":5,"minScoreBps":300000,"rateBps":20000},\
            {"level":5,"minDirect":10,"minScoreBps":1000000,"rateBps":30000}],"version":1}""";

    /** The embedded chaincode's router logs every invocation with its arguments (a whole chunk) at INFO. */
    private static final java.util.logging.Logger SHIM_LOG = java.util.logging.Logger.getLogger("org.hyperledger");

    private final LedgerConnection ledger;
    private final Driver driver;
    private final RewardPolicy policy = RewardPolicy.defaultPolicy();
    private final List<String> earners = new ArrayList<>();
    private final Map<String, long[]> newAtDepth = new HashMap<>();
    private final Map<String, long[]> countsAtEnd = new HashMap<>();

    private RewardCycleScaleBench(LedgerConnection ledger, Driver driver) {
        this.ledger = ledger;
        this.driver = driver;
    }

    public static void main(String[] args) throws Exception {
        SHIM_LOG.setLevel(java.util.logging.Level.WARNING);
        int entries = Integer.getInteger("pox.bench.reward-entries", 100_000);
        List<Integer> chunkSizes = ints(System.getProperty("pox.bench.chunk-sizes", "100,200,500,1000"));
        List<Integer> parallel = ints(System.getProperty("pox.bench.parallel", "1,8"));
        String ledgerKind = System.getProperty("pox.bench.ledger", "embedded");
        Path out = Path.of(System.getProperty("pox.bench.out", "bench/results"));
        String commit = System.getProperty("pox.bench.commit", "unknown");
        Path repository = Path.of(System.getProperty("pox.bench.repository", "."))
                .toAbsolutePath()
                .normalize();

        LedgerConnection ledger;
        if (ledgerKind.equals("fabric")) {
            Path networkDir = repository.resolve(".pox/network");
            if (!TestChannel.networkExists(networkDir)) {
                log.warn("no local Fabric network in {}: reward cycle benchmark on Fabric SKIPPED", networkDir);
                return;
            }
            String channel = "bench-rw-" + UUID.randomUUID().toString().substring(0, 8);
            ledger = TestChannel.create(repository, networkDir, channel, "PoxChannel")
                    .connect();
        } else {
            ledger =
                    EmbeddedLedger.builder().identity(LedgerIdentity.operator()).open();
        }
        Path work = Files.createTempDirectory("pox-bench-rewards");
        try (ledger;
                Neo4j neo4j = BenchNeo4j.start();
                Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none())) {
            new GraphSchemaMigrator(driver, new GraphProperties(null, null, null)).migrate();
            RewardCycleScaleBench bench = new RewardCycleScaleBench(ledger, driver);
            bench.registerEarners(entries);
            List<Map<String, Object>> rows = new ArrayList<>();
            double best = Double.MAX_VALUE;
            for (int size : chunkSizes) {
                for (int inFlight : parallel) {
                    Map<String, Object> row = bench.payOneCycle(size, inFlight);
                    row.put("ledger", ledgerKind);
                    rows.add(row);
                    best = Math.min(best, (double) row.get("total_s"));
                    log.info("reward cycle: {}", row);
                    BenchResults.merge(out.resolve("reward-cycle-" + ledgerKind + ".json"), commit, flat(rows));
                }
            }
            // the figure is the one paid on the real network; the embedded ledger's is kept beside it
            String label = "reward_cycle_" + (entries / 1000) + "k_paid_s";
            BenchResults.merge(
                    out.resolve("latest.json"),
                    commit,
                    Map.of(ledgerKind.equals("fabric") ? label : label + "_embedded", best));
        }
    }

    /** Genesis members on the ledger (concurrently: independent keys) and the tree the cycle is computed over. */
    private void registerEarners(int count) throws Exception {
        publishPolicyIfAbsent();
        long started = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < count; i++) {
            earners.add("e%s_%06d".formatted(run, i));
        }
        // Fabric commits ~270 registrations/s only with a few hundred in flight (bench/RESULTS.md, settlement)
        try (ExecutorService pool =
                Executors.newFixedThreadPool(Integer.getInteger("pox.bench.register-clients", 32))) {
            List<Future<?>> sent = new ArrayList<>();
            for (String id : earners) {
                sent.add(pool.submit(
                        () -> ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), id, sha256(id))));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        }
        log.info("{} earners registered in {} s", count, (System.nanoTime() - started) / 1e9);
        // every earner recruits one member in the cycle; earners hang under a random earlier earner, so the
        // recruits reach up to maxDepth ancestors and the levels vary
        SplittableRandom random = new SplittableRandom(7);
        int[] parent = new int[count];
        parent[0] = -1;
        for (int i = 1; i < count; i++) {
            parent[i] = random.nextInt(i);
        }
        int depth = policy.maxDepth();
        for (int i = 0; i < count; i++) {
            // the recruit of earner i: its ancestors are i, parent[i], ...
            int ancestor = i;
            for (int d = 0; d < depth && ancestor >= 0; d++, ancestor = parent[ancestor]) {
                newAtDepth.computeIfAbsent(earners.get(ancestor), k -> new long[depth])[d]++;
                countsAtEnd.computeIfAbsent(earners.get(ancestor), k -> new long[depth])[d]++;
            }
            ancestor = parent[i];
            for (int d = 0; d < depth && ancestor >= 0; d++, ancestor = parent[ancestor]) {
                countsAtEnd.computeIfAbsent(earners.get(ancestor), k -> new long[depth])[d]++;
            }
        }
    }

    /** Computes, plans and pays one cycle of every earner; timed from the computation to the seal. */
    private Map<String, Object> payOneCycle(int chunkSize, int inFlight) {
        RewardProperties properties =
                RewardProperties.defaults().withChunkSize(chunkSize).withParallelChunks(inFlight);
        CyclePlanRepository plans = new CyclePlanRepository(driver);
        RewardCycleRunner runner = new RewardCycleRunner(
                plans,
                new RewardEntryRepository(driver),
                new RewardChunkRepository(driver),
                new CycleLeaseRepository(driver),
                new RewardLedger(new LedgerClient(ledger)),
                new WalletProjection(driver),
                new RewardMetrics(new SimpleMeterRegistry()),
                properties,
                Clock.systemUTC(),
                "bench");
        long seq = plans.maxSeq() + 1;
        String cycleId =
                "bench-%06d-%s".formatted(seq, UUID.randomUUID().toString().substring(0, 6));

        long started = System.nanoTime();
        List<RewardLine> entries = RewardCalculator.entries(policy, newAtDepth, countsAtEnd);
        String root = MerkleTree.of(entries).root();
        long computed = System.nanoTime();
        CyclePlan plan = new CyclePlan(
                cycleId,
                seq,
                seq * 2,
                seq * 2 + 1,
                ledgerPolicyVersion(),
                root,
                entries.size(),
                RewardCalculator.total(entries),
                chunkSize,
                CycleState.PLANNED,
                null,
                System.currentTimeMillis(),
                "bench");
        plans.create(plan, entries);
        long planned = System.nanoTime();
        RewardCycleRunner.Outcome outcome = runner.run(cycleId);
        long paid = System.nanoTime();
        if (outcome != RewardCycleRunner.Outcome.COMPLETE) {
            throw new IllegalStateException("cycle " + cycleId + " ended " + outcome + ": "
                    + plans.find(cycleId).map(CyclePlan::lastError).orElse("?"));
        }
        Cycle onChain = new LedgerClient(ledger).getCycle(cycleId);
        if (onChain.entriesRecorded() != entries.size() || onChain.totalPaid() != plan.totalAmount()) {
            throw new IllegalStateException("cycle " + cycleId + " on-chain totals differ from the plan: " + onChain);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("entries", entries.size());
        row.put("chunk_size", chunkSize);
        row.put("parallel_chunks", inFlight);
        row.put("compute_s", (computed - started) / 1e9);
        row.put("plan_s", (planned - computed) / 1e9);
        row.put("pay_s", (paid - planned) / 1e9);
        row.put("total_s", (paid - started) / 1e9);
        row.put("entries_per_s", entries.size() / ((paid - planned) / 1e9));
        return row;
    }

    private int ledgerPolicyVersion() {
        return new LedgerClient(ledger).getCurrentPolicy().version();
    }

    private void publishPolicyIfAbsent() {
        try {
            ledger.evaluate(Transaction.GET_CURRENT_POLICY.wireName());
        } catch (LedgerException e) {
            if (!ErrorCode.POLICY_NOT_FOUND.name().equals(e.code())) {
                throw e;
            }
            ledger.submit(Transaction.PUBLISH_POLICY.wireName(), DEFAULT_POLICY);
        }
    }

    private static Map<String, Number> flat(List<Map<String, Object>> rows) {
        Map<String, Number> flat = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String key = "chunk" + row.get("chunk_size") + "_parallel" + row.get("parallel_chunks");
            flat.put(key + "_total_s", (Number) row.get("total_s"));
            flat.put(key + "_pay_s", (Number) row.get("pay_s"));
            flat.put(key + "_compute_s", (Number) row.get("compute_s"));
            flat.put(key + "_plan_s", (Number) row.get("plan_s"));
        }
        return flat;
    }

    private static List<Integer> ints(String csv) {
        return java.util.Arrays.stream(csv.split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }

    private static String sha256(String id) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(("bench:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
