package org.poxledger.platform.level;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.poxledger.platform.policy.RewardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final Driver driver;
    private final LevelRecorder levels;
    private final Clock clock;

    public DepthCounterRecomputer(Driver driver, LevelRecorder levels, Clock clock) {
        this.driver = driver;
        this.levels = levels;
        this.clock = clock;
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
        ReferralForest forest = read();
        List<Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < forest.nodes().size(); i++) {
            if (forest.differs(i)) {
                ReferralForest.Node node = forest.nodes().get(i);
                mismatches.add(new Mismatch(
                        node.memberId(),
                        node.storedCounts() == null ? null : DepthCounts.toList(node.storedCounts()),
                        DepthCounts.toList(forest.expected(i))));
            }
        }
        return new CounterCheck(forest.nodes().size(), mismatches);
    }

    /**
     * Recounts every member's counters from the edges and re-derives its level under the current policy, then writes
     * back only the members where either differs from what is stored, in a few large {@code UNWIND} batches: one read
     * of the whole forest, one pass in memory, one write per changed member (issue 11: a 1M-member tree in seconds).
     */
    public Recompute recompute() {
        long started = System.nanoTime();
        RewardPolicy policy = levels.currentPolicy();
        ReferralForest forest = read();
        long read = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < forest.nodes().size(); i++) {
            ReferralForest.Node node = forest.nodes().get(i);
            long[] expected = forest.expected(i);
            MemberLevel level = WeightedLevelCalculator.levelOf(policy, expected);
            boolean countsDiffer = forest.differs(i);
            if (!countsDiffer && node.holds(level, policy.version())) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("memberId", node.memberId());
            row.put("stored", node.storedCounts() == null ? null : DepthCounts.toList(node.storedCounts()));
            row.put("countsDiffer", countsDiffer);
            row.put(
                    "write",
                    Map.of(
                            "counts", DepthCounts.toList(expected),
                            "level", level.level(),
                            "scoreBps", level.scoreBps(),
                            "rateBps", level.rateBps(),
                            "levelPolicyVersion", policy.version()));
            row.put("fromLevel", node.storedLevel());
            row.put("changed", node.storedLevel() != null && node.storedLevel() != level.level());
            rows.add(row);
        }
        long computed = System.nanoTime();
        long corrected = 0;
        long levelChanges = 0;
        List<String> skipped = new ArrayList<>();
        long now = clock.millis();
        try (Session session = driver.session()) {
            for (List<Map<String, Object>> batch : batches(rows)) {
                Record result = session.executeWrite(tx -> tx.run(
                                """
                                UNWIND $rows AS row
                                MATCH (m:Member {memberId: row.memberId})
                                SET m.__lock = true
                                WITH m, row, coalesce(m.counts, []) = coalesce(row.stored, []) AS unchanged
                                SET m += CASE WHEN unchanged THEN row.write ELSE {} END
                                REMOVE m.__lock
                                FOREACH (_ IN CASE WHEN unchanged AND row.changed THEN [1] ELSE [] END |
                                    CREATE (m)-[:LEVEL_CHANGED]->(:LevelChange {memberId: row.memberId,
                                        fromLevel: row.fromLevel, toLevel: row.write.level,
                                        scoreBps: row.write.scoreBps, policyVersion: $policyVersion,
                                        changedAt: $changedAt, cause: $cause}))
                                RETURN count(CASE WHEN unchanged AND row.countsDiffer THEN 1 END) AS written,
                                       count(CASE WHEN unchanged AND row.changed THEN 1 END) AS levelChanges,
                                       collect(CASE WHEN NOT unchanged THEN m.memberId END) AS skipped
                                """,
                                Map.of(
                                        "rows",
                                        batch,
                                        "policyVersion",
                                        policy.version(),
                                        "changedAt",
                                        now,
                                        "cause",
                                        "recompute"))
                        .single());
                corrected += result.get("written").asLong();
                levelChanges += result.get("levelChanges").asLong();
                skipped.addAll(result.get("skipped").asList(Value::asString));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "recomputed depth counters and levels of {} members in {} ms (read {}, count {}, write {}): {} rewritten,"
                        + " {} counters corrected, {} skipped, {} level changes",
                forest.nodes().size(),
                millis,
                (read - started) / 1_000_000,
                (computed - read) / 1_000_000,
                (System.nanoTime() - computed) / 1_000_000,
                rows.size(),
                corrected,
                skipped.size(),
                levelChanges);
        return new Recompute(forest.nodes().size(), corrected, skipped, levelChanges, millis);
    }

    private ReferralForest read() {
        try (Session session = driver.session()) {
            List<ReferralForest.Node> nodes = session.executeRead(tx -> tx.run("""
                                    MATCH (m:Member)
                                    OPTIONAL MATCH (r:Member)-[:RECOMMENDED]->(m)
                                    RETURN m.memberId AS memberId, r.memberId AS recommenderId,
                                           m.counts AS counts, m.level AS level, m.scoreBps AS scoreBps,
                                           m.rateBps AS rateBps, m.levelPolicyVersion AS policyVersion
                                    """).stream()
                    .map(r -> new ReferralForest.Node(
                            r.get("memberId").asString(),
                            r.get("recommenderId").asString(null),
                            r.get("counts").isNull()
                                    ? null
                                    : DepthCounts.toArray(r.get("counts").asList(Value::asLong)),
                            r.get("level").isNull() ? null : r.get("level").asInt(),
                            r.get("scoreBps").isNull()
                                    ? null
                                    : r.get("scoreBps").asLong(),
                            r.get("rateBps").isNull() ? null : r.get("rateBps").asInt(),
                            r.get("policyVersion").isNull()
                                    ? null
                                    : r.get("policyVersion").asInt()))
                    .toList());
            return new ReferralForest(nodes);
        }
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return batches;
    }
}
