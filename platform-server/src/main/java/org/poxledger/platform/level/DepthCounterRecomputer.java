package org.poxledger.platform.level;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.poxledger.levels.LevelRule;
import org.poxledger.levels.ReferralForest;
import org.poxledger.platform.policy.RewardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Checks and repairs the incremental depth counters against the graph's {@code RECOMMENDED} edges (DESIGN §5: both
 * must agree), and re-records every member's level, e.g. after a new policy is published.
 *
 * <p>Writes are compare-and-set: a member's counters are replaced only if they still hold what was read, so a
 * registration committed while the recompute runs is never overwritten; such members are reported as skipped and a
 * second run settles them.
 */
@Service
public class DepthCounterRecomputer {

    private static final Logger log = LoggerFactory.getLogger(DepthCounterRecomputer.class);
    // large batches: a write transaction's fixed cost dominates small ones; 10k rows are a few MB of parameters
    private static final int BATCH = 10_000;
    // two transactions at a time keep a 2-core Neo4j busy (one builds its changes while the other commits); more
    // only queue on the commit
    private static final int WRITERS = 2;
    // the read streams up to a million rows: large fetches spare a round trip per thousand of them
    private static final SessionConfig READ_CONFIG =
            SessionConfig.builder().withFetchSize(20_000).build();

    /*
     * Every member with its recommender and what it holds. A fresh member (all-zero counters and level 1, as the
     * projection creates it; most of a tree's members are such leaves) comes as a null, so the read carries little
     * more than the ids.
     */
    private static final String READ = """
            MATCH (m:Member)
            OPTIONAL MATCH (r:Member)-[:RECOMMENDED]->(m)
            RETURN m.memberId AS memberId, r.memberId AS recommenderId,
                   CASE WHEN m.counts = $zeros AND m.level = 1 THEN null ELSE [m.counts, m.level] END AS stored
            """;

    // compare-and-set under the node's write lock: a member whose counters changed since the read is left alone
    private static final String WRITE_BACK = """
            UNWIND $rows AS row
            MATCH (m:Member {memberId: row.memberId})
            SET m.__lock = true
            WITH m, row, coalesce(m.counts, []) = coalesce(row.stored, []) AS unchanged
            SET m += CASE WHEN unchanged THEN {counts: row.counts, level: row.level} ELSE {} END
            REMOVE m.__lock
            FOREACH (_ IN CASE WHEN unchanged AND row.changed THEN [1] ELSE [] END |
                CREATE (m)-[:LEVEL_CHANGED]->(:LevelChange {memberId: row.memberId, fromLevel: row.fromLevel,
                    toLevel: row.level, scoreBps: row.scoreBps, policyVersion: $policyVersion,
                    changedAt: $changedAt, cause: $cause}))
            RETURN count(CASE WHEN unchanged AND row.countsDiffer THEN 1 END) AS written,
                   count(CASE WHEN unchanged AND row.changed THEN 1 END) AS levelChanges,
                   collect(CASE WHEN NOT unchanged THEN m.memberId END) AS skipped
            """;

    /** Where the full recompute runs. */
    public enum Where {
        /** In the database through {@code pox.levels.recompute} when it is installed, else over Bolt. */
        IN_DATABASE_IF_INSTALLED,
        /** Over Bolt: the forest streamed out, the changes written back in {@code UNWIND} batches. */
        OVER_BOLT
    }

    private final Driver driver;
    private final LevelRecorder levels;
    private final Clock clock;
    private final InDatabaseRecompute inDatabase;

    @Autowired
    public DepthCounterRecomputer(Driver driver, LevelRecorder levels, Clock clock) {
        this(driver, levels, clock, Where.IN_DATABASE_IF_INSTALLED);
    }

    public DepthCounterRecomputer(Driver driver, LevelRecorder levels, Clock clock, Where where) {
        this.driver = driver;
        this.levels = levels;
        this.clock = clock;
        this.inDatabase = where == Where.IN_DATABASE_IF_INSTALLED ? new InDatabaseRecompute(driver) : null;
    }

    /**
     * A member whose stored counters differ from the graph.
     *
     * @param memberId the member
     * @param stored the stored n_1..n_10 ({@code null} if none)
     * @param expected n_1..n_10 counted from the edges
     */
    public record Mismatch(String memberId, List<Long> stored, List<Long> expected) {}

    /**
     * @param members members checked
     * @param mismatches every member whose counters differ
     */
    public record CounterCheck(long members, List<Mismatch> mismatches) {

        /** @return whether the counters agree with the graph everywhere */
        public boolean consistent() {
            return mismatches.isEmpty();
        }
    }

    /**
     * @param members members in the graph
     * @param corrected members whose counters were rewritten
     * @param skipped members changed by a concurrent registration meanwhile (run again to settle them)
     * @param levelChanges level changes recorded
     * @param millis duration
     */
    public record Recompute(long members, long corrected, List<String> skipped, long levelChanges, long millis) {}

    /** @return every member whose counters differ from a full count over the graph */
    public CounterCheck check() {
        ReferralForest<String> forest = read();
        List<Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < forest.size(); i++) {
            if (forest.differs(i)) {
                long[] stored = forest.stored(i);
                mismatches.add(new Mismatch(
                        forest.key(i),
                        stored == null ? null : DepthCounts.toList(stored),
                        DepthCounts.toList(forest.expected(i))));
            }
        }
        return new CounterCheck(forest.size(), mismatches);
    }

    /**
     * Recounts every member's counters from the edges and re-derives its level under the current policy, then writes
     * back only the members where either differs from what is stored (issue 11: a 1M-member tree in seconds).
     *
     * <p>Inside the database when {@code pox.levels.recompute} is installed (the embedded launcher has it; a Neo4j
     * server has it with the graph-procedures plugin): nothing crosses Bolt but the rule and the outcome. Otherwise over
     * Bolt: one streamed read of the whole forest into primitive arrays, one pass in memory, and {@code UNWIND}
     * batches of changed members written by {@link #WRITERS} transactions at a time on disjoint members. Both write the
     * same.
     */
    public Recompute recompute() {
        RewardPolicy policy = levels.currentPolicy();
        LevelRule rule = WeightedLevelCalculator.ruleOf(policy);
        if (inDatabase != null && inDatabase.installed()) {
            return inDatabase.run(rule, clock.millis(), "recompute");
        }
        return overBolt(rule);
    }

    private Recompute overBolt(LevelRule rule) {
        long started = System.nanoTime();
        ReferralForest<String> forest = read();
        long read = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        forest.forEachChange(rule, (i, countsDiffer, level) -> {
            long[] stored = forest.stored(i);
            Integer fromLevel = forest.storedLevel(i);
            Map<String, Object> row = HashMap.newHashMap(9);
            row.put("memberId", forest.key(i));
            row.put("stored", stored == null ? null : DepthCounts.toList(stored));
            row.put("countsDiffer", countsDiffer);
            row.put("counts", DepthCounts.toList(forest.expected(i)));
            row.put("level", level.level());
            row.put("scoreBps", level.scoreBps());
            row.put("fromLevel", fromLevel);
            row.put("changed", fromLevel != null && fromLevel != level.level());
            rows.add(row);
        });
        long computed = System.nanoTime();
        Written written = write(rows, rule.policyVersion(), clock.millis());
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "recomputed depth counters and levels of {} members over Bolt in {} ms (read {}, count {}, write {}):"
                        + " {} rewritten, {} counters corrected, {} skipped, {} level changes",
                forest.size(),
                millis,
                (read - started) / 1_000_000,
                (computed - read) / 1_000_000,
                (System.nanoTime() - computed) / 1_000_000,
                rows.size(),
                written.corrected(),
                written.skipped().size(),
                written.levelChanges());
        return new Recompute(forest.size(), written.corrected(), written.skipped(), written.levelChanges(), millis);
    }

    private record Written(long corrected, long levelChanges, List<String> skipped) {}

    private Written write(List<Map<String, Object>> rows, int policyVersion, long now) {
        List<Future<Record>> results = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                results.add(writers.submit(() -> writeBatch(batch, policyVersion, now)));
            }
        }
        long corrected = 0;
        long levelChanges = 0;
        List<String> skipped = new ArrayList<>();
        for (Future<Record> future : results) {
            Record result = done(future);
            corrected += result.get("written").asLong();
            levelChanges += result.get("levelChanges").asLong();
            skipped.addAll(result.get("skipped").asList(Value::asString));
        }
        return new Written(corrected, levelChanges, skipped);
    }

    private Record writeBatch(List<Map<String, Object>> batch, int policyVersion, long now) {
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> tx.run(
                            WRITE_BACK,
                            Map.of(
                                    "rows", batch,
                                    "policyVersion", policyVersion,
                                    "changedAt", now,
                                    "cause", "recompute"))
                    .single());
        }
    }

    private static Record done(Future<Record> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing recomputed counters back", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing recomputed counters back failed", e.getCause());
        }
    }

    private ReferralForest<String> read() {
        ReferralForest.Builder<String> forest = new ReferralForest.Builder<>();
        try (Session session = driver.session(READ_CONFIG)) {
            session.executeRead(tx -> {
                tx.run(READ, Map.of("zeros", DepthCounts.ZEROS)).stream().forEach(r -> {
                    String memberId = r.get(0).asString();
                    String recommenderId = r.get(1).asString(null);
                    Value stored = r.get(2);
                    if (stored.isNull()) {
                        forest.addFresh(memberId, recommenderId);
                    } else {
                        forest.add(
                                memberId,
                                recommenderId,
                                stored.get(0).isNull() ? null : stored.get(0).asList(Value::asLong),
                                stored.get(1).isNull() ? null : stored.get(1).asInt());
                    }
                });
                return null;
            });
        }
        return forest.build();
    }
}
