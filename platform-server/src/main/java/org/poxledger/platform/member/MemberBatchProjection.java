package org.poxledger.platform.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.poxledger.contract.model.Member;
import org.poxledger.levels.LevelRule;
import org.poxledger.platform.graph.GraphProcedure;
import org.poxledger.platform.level.DepthCounts;
import org.poxledger.platform.level.LevelRecorder;
import org.poxledger.platform.level.WeightedLevelCalculator;
import org.poxledger.platform.policy.RewardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects many member events in one Neo4j transaction of a handful of statements, for the event listener's catch-up
 * and a rebuild (issue 11: one transaction per event ran at ~140 events/s). Leaves exactly the graph that
 * {@link MemberProjection#project} once per event, in order, leaves: the same edges, counters, levels and level
 * changes, each with its own registration's time and cause.
 *
 * <p>How: the members' ledger fields are upserted in one {@code UNWIND}; the ancestor chains (at most
 * {@link DepthCounts#MAX_DEPTH} up) of every recommender in the batch are read and write-locked in one statement; the
 * registrations are then counted in ledger order in memory, where a member registered earlier in the batch is already
 * an ancestor of a later one; and edges, counters and levels are written back in three more {@code UNWIND}s.
 *
 * <p><b>Idempotent</b> like the single projection: a member already counted (its {@code counted} flag, read under the
 * node's write lock) is only refreshed, so a replayed batch, or one overlapping the registration flow, counts nobody
 * twice. Concurrent single registrations lock ancestors nearest-first, this lock order differs, so the two may
 * deadlock: Neo4j then aborts one with a transient error, and {@code executeWrite} retries it.
 */
@Component
public class MemberBatchProjection {

    private static final Logger log = LoggerFactory.getLogger(MemberBatchProjection.class);

    private final Driver driver;
    private final JsonMapper json;
    private final LevelRecorder levels;

    /*
     * The whole batch in one statement where the database has pox.members.count: the members upserted in ledger order,
     * then counted in that order by the procedure, which walks each one's ancestors as the single registration does.
     * UNWIND keeps the rows' order, and so collect() the ledger's.
     */
    private static final String PROJECT_IN_DATABASE =
            "UNWIND $rows AS row\n" + MemberUpsert.MERGE_ROW + """
            WITH collect(m) AS members
            CALL %s(members, $rule)
            YIELD registered, genesis, countedBefore, ancestors, levelChanges, missingMemberId, missingRecommenderId
            RETURN registered, genesis, countedBefore, ancestors, levelChanges, missingMemberId, missingRecommenderId
            """.formatted(LevelRule.COUNT_PROCEDURE);

    private final GraphProcedure counting;

    @Autowired
    public MemberBatchProjection(Driver driver, JsonMapper json, LevelRecorder levels) {
        this(driver, json, levels, GraphProcedure.Use.IF_INSTALLED);
    }

    /** @param use whether to count in the database where {@code pox.members.count} is installed */
    public MemberBatchProjection(Driver driver, JsonMapper json, LevelRecorder levels, GraphProcedure.Use use) {
        this.driver = driver;
        this.json = json;
        this.levels = levels;
        this.counting = MemberProjection.countingProcedure(driver, use);
    }

    /**
     * @param memberJsons payloads of member events ({@link MemberProjection#MEMBER_EVENTS}), in ledger order
     * @return members counted now
     * @throws IllegalArgumentException when a payload is not a Member
     * @throws GraphProjectionException when a recommender is neither in the graph nor earlier in the batch
     */
    public int applyAll(List<String> memberJsons) {
        return projectAll(memberJsons.stream()
                .map(text -> MemberProjection.readMember(json, text))
                .toList());
    }

    /**
     * @param members member states in ledger order; one member may appear several times
     * @return members counted now
     */
    public int projectAll(List<Member> members) {
        if (members.isEmpty()) {
            return 0;
        }
        Map<String, Member> newest = new LinkedHashMap<>();
        for (Member member : members) {
            newest.merge(member.memberId(), member, MemberUpsert::newest);
        }
        RewardPolicy policy = levels.currentPolicy();
        try (Session session = driver.session()) {
            List<Member> distinct = List.copyOf(newest.values());
            return counting.installed()
                    ? session.executeWrite(tx -> projectInDatabase(tx, distinct, policy))
                    : session.executeWrite(tx -> project(tx, distinct, policy));
        }
    }

    private static int projectInDatabase(TransactionContext tx, List<Member> members, RewardPolicy policy) {
        long started = System.nanoTime();
        Map<String, Object> parameters = MemberUpsert.parameters(members);
        parameters.put("rule", WeightedLevelCalculator.ruleOf(policy).parameter());
        Record outcome = tx.run(PROJECT_IN_DATABASE, parameters).single();
        if (!outcome.get("missingMemberId").isNull()) {
            // thrown inside the transaction, which rolls back: nothing of the batch is written
            throw new GraphProjectionException(
                    "member " + outcome.get("missingMemberId").asString()
                            + " cannot be projected: its recommender "
                            + outcome.get("missingRecommenderId").asString()
                            + " is not in the graph yet");
        }
        int registered = outcome.get("registered").asInt();
        int genesis = outcome.get("genesis").asInt();
        log.info(
                "projected {} members in one batch in the database ({} registrations, {} genesis, {} refreshed) in {}"
                        + " ms: {} ancestor counters, {} level changes",
                members.size(),
                registered,
                genesis,
                outcome.get("countedBefore").asLong(),
                (System.nanoTime() - started) / 1_000_000,
                outcome.get("ancestors").asLong(),
                outcome.get("levelChanges").asLong());
        return registered + genesis;
    }

    private int project(TransactionContext tx, List<Member> members, RewardPolicy policy) {
        long started = System.nanoTime();
        Set<String> countedBefore = MemberUpsert.upsert(tx, members);
        long upserted = System.nanoTime();
        List<Member> genesis = new ArrayList<>();
        List<Member> registrations = new ArrayList<>();
        for (Member member : members) {
            if (!countedBefore.contains(member.memberId())) {
                (member.recommenderId() == null ? genesis : registrations).add(member);
            }
        }
        if (!genesis.isEmpty()) {
            tx.run(
                            "UNWIND $ids AS id MATCH (m:Member {memberId: id}) SET m.counted = true",
                            Map.of("ids", genesis.stream().map(Member::memberId).toList()))
                    .consume();
        }
        if (registrations.isEmpty()) {
            return genesis.size();
        }
        Chains chains = readChains(tx, registrations);
        long read = System.nanoTime();
        List<LevelRecorder.Step> steps = new ArrayList<>(registrations.size());
        List<Map<String, Object>> edges = new ArrayList<>(registrations.size());
        for (Member member : registrations) {
            if (!chains.known(member.recommenderId())) {
                throw new GraphProjectionException("member " + member.memberId()
                        + " cannot be projected: its recommender " + member.recommenderId()
                        + " is not in the graph yet");
            }
            steps.add(new LevelRecorder.Step(
                    chains.register(member.memberId(), member.recommenderId()),
                    member.registeredAt(),
                    "registration " + member.memberId()));
            edges.add(Map.of("memberId", member.memberId(), "recommenderId", member.recommenderId()));
        }
        tx.run("""
                        UNWIND $rows AS row
                        MATCH (r:Member {memberId: row.recommenderId}), (m:Member {memberId: row.memberId})
                        MERGE (r)-[:RECOMMENDED]->(m)
                        SET m.counted = true
                        """, Map.of("rows", edges)).consume();
        // every ancestor counted gets its new counters and its last step's level in one pass over the batch's
        // ancestors (two passes cost a second index seek and property update per ancestor)
        LevelRecorder.StepLevels stepLevels = levels.levelsOf(steps, policy);
        tx.run("""
                        UNWIND $rows AS row
                        MATCH (a:Member {memberId: row.memberId})
                        SET a.counts = row.counts, a.level = row.level
                        """, Map.of("rows", chains.countRows(stepLevels.finals()))).consume();
        levels.recordChanges(tx, stepLevels.changes(), policy);
        int changes = stepLevels.changes().size();
        log.info(
                "projected {} members in one batch ({} registrations, {} genesis, {} refreshed) in {} ms (upsert {},"
                        + " chains {}, writes {}): {} ancestors counted, {} level changes",
                members.size(),
                registrations.size(),
                genesis.size(),
                countedBefore.size(),
                (System.nanoTime() - started) / 1_000_000,
                (upserted - started) / 1_000_000,
                (read - upserted) / 1_000_000,
                (System.nanoTime() - read) / 1_000_000,
                chains.touched(),
                changes);
        return registrations.size() + genesis.size();
    }

    /** Reads and write-locks every recommender's ancestors, before any of their counters is read. */
    private static Chains readChains(TransactionContext tx, List<Member> registrations) {
        Set<String> recommenders = new HashSet<>();
        registrations.forEach(member -> recommenders.add(member.recommenderId()));
        List<Record> rows =
                tx.run("""
                        UNWIND $ids AS id
                        MATCH (a:Member)-[:RECOMMENDED*0..9]->(:Member {memberId: id})
                        WITH DISTINCT a
                        SET a.__lock = true
                        REMOVE a.__lock
                        WITH a
                        OPTIONAL MATCH (p:Member)-[:RECOMMENDED]->(a)
                        RETURN a.memberId AS memberId, a.counts AS counts, a.level AS level,
                               p.memberId AS parentId
                        """, Map.of("ids", List.copyOf(recommenders))).list();
        Chains chains = new Chains();
        for (Record row : rows) {
            chains.known(
                    row.get("memberId").asString(),
                    row.get("parentId").asString(null),
                    row.get("counts").isNull()
                            ? new long[DepthCounts.MAX_DEPTH]
                            : DepthCounts.toArray(row.get("counts").asList(v -> v.asLong())),
                    row.get("level").isNull() ? null : row.get("level").asInt());
        }
        return chains;
    }

    /** The part of the forest a batch touches, counted forward in memory. */
    private static final class Chains {

        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, long[]> counts = new HashMap<>();
        private final Map<String, Integer> storedLevel = new HashMap<>();
        private final Set<String> changed = new HashSet<>();

        void known(String memberId, String parentId, long[] memberCounts, Integer level) {
            parent.put(memberId, parentId);
            counts.put(memberId, memberCounts);
            storedLevel.put(memberId, level);
        }

        boolean known(String memberId) {
            return counts.containsKey(memberId);
        }

        /** Counts a new member under its recommender: the same walk as the single projection's Cypher. */
        List<LevelRecorder.Counted> register(String memberId, String recommenderId) {
            parent.put(memberId, recommenderId);
            counts.putIfAbsent(memberId, new long[DepthCounts.MAX_DEPTH]);
            storedLevel.putIfAbsent(memberId, 1);
            List<LevelRecorder.Counted> ancestors = new ArrayList<>(DepthCounts.MAX_DEPTH);
            String ancestor = recommenderId;
            for (int depth = 0; depth < DepthCounts.MAX_DEPTH && ancestor != null; depth++) {
                long[] ancestorCounts = counts.get(ancestor);
                if (ancestorCounts == null) {
                    break; // beyond the chains read: more than MAX_DEPTH above every recommender of the batch
                }
                ancestorCounts[depth]++;
                changed.add(ancestor);
                ancestors.add(new LevelRecorder.Counted(ancestor, ancestorCounts.clone(), storedLevel.get(ancestor)));
                ancestor = parent.get(ancestor);
            }
            return ancestors;
        }

        /** @return per member counted, its new counters with the level its last step gave it */
        List<Map<String, Object>> countRows(Map<String, Map<String, Object>> levels) {
            List<Map<String, Object>> rows = new ArrayList<>(changed.size());
            for (String memberId : changed) {
                Map<String, Object> row = new HashMap<>(levels.get(memberId));
                row.put("counts", DepthCounts.toList(counts.get(memberId)));
                rows.add(row);
            }
            return rows;
        }

        int touched() {
            return changed.size();
        }
    }
}
