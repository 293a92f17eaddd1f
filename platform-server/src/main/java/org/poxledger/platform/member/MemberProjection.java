package org.poxledger.platform.member;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.RetryableException;
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
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects ledger members into the referral graph (DESIGN §5, §10): {@code (:Member {memberId, accountHash, status,
 * registeredAt, registeredTxId, statusChangedAt, recommenderId, counts, level, ...})} and
 * {@code (recommender)-[:RECOMMENDED]->(member)}.
 *
 * <p><b>Idempotent</b>: applying the same member (or an older state of it) any number of times, in any interleaving
 * with the registration flow, leaves the same graph. The {@code RECOMMENDED} edge and the ancestors' depth counters are
 * written exactly once per member, guarded by the node's {@code counted} flag under the node's write lock; a status
 * is taken only if its {@code statusChangedAt} is newer than the stored one, or equal and not earlier in the lifecycle.
 *
 * <p>Used by the registration flow right after the ledger commits, and by the chaincode-event listener for anything
 * the server missed:
 *
 * <pre>{@code
 * memberProjection.apply(event.name(), event.payloadText()); // MemberRegistered, MemberVerified, ...
 * }</pre>
 *
 * Personal data (display name, account, e-mail) is not on-chain and not touched here: see {@link MemberProfiles}.
 */
@Component
public class MemberProjection {

    /** The chaincode events whose payload is a Member JSON. */
    public static final Set<String> MEMBER_EVENTS =
            Set.of("MemberRegistered", "MemberVerified", "MemberSuspended", "MemberReinstated");

    private static final Logger log = LoggerFactory.getLogger(MemberProjection.class);

    /*
     * One registration in one auto-commit statement (issue 11: p99 <= 5 ms per registration). A managed transaction
     * costs three Bolt round trips (BEGIN, RUN, COMMIT) where an auto-commit costs one, and on a loaded two-core
     * machine each round trip is a chance to be descheduled: measured at 100k members, the same statement had p99 7.7-
     * 9.8 ms managed and 5.9 ms auto-commit. What the managed transaction gave is kept: nothing is written unless the
     * whole registration can be (a member whose recommender is not in the graph yet gets no row, and no node), and a
     * transient failure is retried (RETRY), which is safe because the statement is idempotent.
     *
     * The statement: upsert the member; if it was not counted before, hang it under its recommender, add one to each
     * of the at most MAX_DEPTH ancestors' counters and re-level them with the policy's integer arithmetic
     * (WeightedLevelCalculator's, kept equal by RegistrationLevelsIT), recording each change of level. Each ancestor
     * is write-locked (the __lock property) before its counters are read, so concurrent registrations under shared
     * ancestors never lose an update; locking nearest-first gives every transaction the same order on a shared chain,
     * which avoids deadlocks.
     */
    private static final String REGISTER = """
            UNWIND $rows AS row
            WITH row WHERE row.recommenderId IS NULL OR EXISTS { (:Member {memberId: row.recommenderId}) }
            """ + MemberUpsert.MERGE_ROW + """
            WITH m, row, m.counted AS countedBefore
            FOREACH (_ IN CASE WHEN NOT countedBefore AND row.recommenderId IS NULL THEN [1] ELSE [] END |
                SET m.counted = true)
            WITH m, row, countedBefore
            CALL (m, row, countedBefore) {
                WITH m, row WHERE NOT countedBefore AND row.recommenderId IS NOT NULL
                MATCH (r:Member {memberId: row.recommenderId})
                MERGE (r)-[:RECOMMENDED]->(m)
                SET m.counted = true
                WITH r
                MATCH path = (a:Member)-[:RECOMMENDED*0..9]->(r)
                WITH a, length(path) AS depth
                ORDER BY depth
                SET a.__lock = true
                WITH a, depth, a.level AS fromLevel
                SET a.counts = [i IN range(0, size(a.counts) - 1)
                                | a.counts[i] + CASE WHEN i = depth THEN 1 ELSE 0 END]
                REMOVE a.__lock
                WITH a, fromLevel, reduce(score = 0, d IN range(0, size($policy.weights) - 1)
                                          | score + $policy.weights[d] * coalesce(a.counts[d], 0)) AS scoreBps
                WITH a, fromLevel, scoreBps, coalesce(last([t IN $policy.tiers
                        WHERE t.minScoreBps <= scoreBps AND t.minDirect <= coalesce(a.counts[0], 0)]),
                        head($policy.tiers)) AS tier
                SET a.level = tier.level
                WITH a, fromLevel, scoreBps, tier, fromLevel IS NOT NULL AND fromLevel <> tier.level AS changed
                FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
                    CREATE (a)-[:LEVEL_CHANGED]->(:LevelChange {memberId: a.memberId, fromLevel: fromLevel,
                        toLevel: tier.level, scoreBps: scoreBps, policyVersion: $policy.version,
                        changedAt: $changedAt, cause: $cause}))
                RETURN count(a) AS ancestors, count(CASE WHEN changed THEN 1 END) AS levelChanges
            }
            RETURN countedBefore, ancestors, levelChanges
            """;

    /*
     * The same registration where the database has pox.members.count (graph-procedures): the upsert stays Cypher, the
     * walk up the ancestors is the procedure's. Measured at 100k members on a quiet 2026-12-03: p50 2.8 ms in Cypher
     * (09:00), 1.55 ms with the procedure (12:48). The recommender is checked first as above, so a registration that cannot be
     * counted writes nothing.
     */
    private static final String REGISTER_IN_DATABASE =
            """
            UNWIND $rows AS row
            WITH row WHERE row.recommenderId IS NULL OR EXISTS { (:Member {memberId: row.recommenderId}) }
            """ + MemberUpsert.MERGE_ROW + """
            WITH m, m.counted AS countedBefore
            CALL %s([m], $rule) YIELD ancestors, levelChanges
            RETURN countedBefore, ancestors, levelChanges
            """.formatted(LevelRule.COUNT_PROCEDURE);

    /*
     * What executeWrite would retry: a transient failure (a deadlock, a lock timeout) rolled the statement back, and a
     * lost connection may or may not have committed it; either way it is safe to run again, since the statement is
     * idempotent. Bounded like the driver's own managed transactions (30 s), with backoff and jitter.
     */
    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .predicate(failure -> failure instanceof RetryableException)
            .maxRetries(20)
            .delay(Duration.ofMillis(5))
            .multiplier(2)
            .maxDelay(Duration.ofSeconds(1))
            .jitter(Duration.ofMillis(5))
            .timeout(Duration.ofSeconds(30))
            .build());

    private final Driver driver;
    private final JsonMapper json;
    private final LevelRecorder levels;

    private final GraphProcedure counting;

    @Autowired
    public MemberProjection(Driver driver, JsonMapper json, LevelRecorder levels) {
        this(driver, json, levels, GraphProcedure.Use.IF_INSTALLED);
    }

    /** @param use whether to count in the database where {@code pox.members.count} is installed */
    public MemberProjection(Driver driver, JsonMapper json, LevelRecorder levels, GraphProcedure.Use use) {
        this.driver = driver;
        this.json = json;
        this.levels = levels;
        this.counting = countingProcedure(driver, use);
    }

    /** @return {@code pox.members.count}, or the Cypher registration where the database lacks it */
    static GraphProcedure countingProcedure(Driver driver, GraphProcedure.Use use) {
        return new GraphProcedure(driver, LevelRule.COUNT_PROCEDURE, "registrations are counted in Cypher", use);
    }

    /**
     * Applies one member event of the chaincode.
     *
     * @param eventName {@code MemberRegistered}, {@code MemberVerified}, {@code MemberSuspended} or
     *     {@code MemberReinstated}
     * @param memberJson the event payload, a Member JSON ({@code reason} and other extra fields are ignored)
     * @return what the projection did
     * @throws IllegalArgumentException for another event name or a payload that is not a Member
     * @throws GraphProjectionException when the member's recommender is not in the graph yet
     */
    public Outcome apply(String eventName, String memberJson) {
        if (!MEMBER_EVENTS.contains(eventName)) {
            throw new IllegalArgumentException(
                    "not a member event: " + eventName + "; expected one of " + MEMBER_EVENTS);
        }
        return project(readMember(json, memberJson));
    }

    /**
     * @param memberJson Member JSON as a member event carries it
     * @return the member
     * @throws IllegalArgumentException when the JSON is not a Member
     */
    static Member readMember(JsonMapper json, String memberJson) {
        Member member;
        try {
            member = json.readValue(memberJson, Member.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a ledger Member JSON: " + abbreviate(memberJson), e);
        }
        if (member == null || member.memberId() == null || member.accountHash() == null || member.status() == null) {
            throw new IllegalArgumentException(
                    "ledger Member JSON lacks memberId, accountHash or status: " + abbreviate(memberJson));
        }
        return member;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "...";
    }

    /**
     * Upserts a member as the ledger returned it (any of the {@code members:*} transactions).
     *
     * @return {@link Outcome#REGISTERED} the first time the member is counted, else {@link Outcome#UPDATED}
     * @throws GraphProjectionException when the member's recommender is not in the graph yet
     */
    public Outcome project(Member member) {
        RewardPolicy policy = levels.currentPolicy();
        Map<String, Object> parameters = MemberUpsert.parameters(List.of(member));
        String statement;
        // asked once per server, under the same retry: a transient failure of the question is no reason to fail
        if (RETRY.invoke(counting::installed)) {
            statement = REGISTER_IN_DATABASE;
            parameters.put("rule", WeightedLevelCalculator.ruleOf(policy).parameter());
        } else {
            statement = REGISTER;
            parameters.put("policy", WeightedLevelCalculator.cypherParameter(policy));
            parameters.put("changedAt", member.registeredAt());
            parameters.put("cause", "registration " + member.memberId());
        }
        // invoke throws the last failure as it was: a client error, or the transient one that outlasted the bound
        List<Record> rows = RETRY.invoke(() -> {
            try (Session session = driver.session()) {
                return session.run(statement, parameters).list();
            }
        });
        return outcome(member, rows);
    }

    /** What {@link #project} did. */
    public enum Outcome {
        /** the member was counted now: edge created, ancestors' counters incremented */
        REGISTERED,
        /** the member was counted before; status and ledger fields refreshed */
        UPDATED
    }

    private static Outcome outcome(Member member, List<Record> rows) {
        if (rows.isEmpty()) {
            // the statement wrote nothing: it found no recommender node
            throw new GraphProjectionException("member " + member.memberId() + " cannot be projected: its recommender "
                    + member.recommenderId() + " is not in the graph yet");
        }
        Record result = rows.getFirst();
        if (result.get("countedBefore").asBoolean()) {
            return Outcome.UPDATED;
        }
        if (member.recommenderId() == null) {
            log.info("projected genesis member {} tx={}", member.memberId(), member.registeredTxId());
            return Outcome.REGISTERED;
        }
        log.info(
                "projected member {} under {} tx={}: {} ancestors counted, {} level changes",
                member.memberId(),
                member.recommenderId(),
                member.registeredTxId(),
                result.get("ancestors").asLong(),
                result.get("levelChanges").asLong());
        return Outcome.REGISTERED;
    }

    /**
     * Forgets everything this projection derived from the ledger, for a rebuild that replays it from block 0: the
     * {@code RECOMMENDED} edges, level changes, and each member's ledger fields and counters. Personal data (the
     * member nodes themselves, names, accounts) stays, so the replay re-attaches to it by member id.
     */
    public void forgetLedgerState() {
        try (Session session = driver.session()) {
            session.run("""
                            MATCH ()-[r:RECOMMENDED]->()
                            CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
            session.run("""
                            MATCH (c:LevelChange)
                            CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
            session.run("""
                            MATCH (m:Member)
                            CALL (m) {
                                REMOVE m.accountHash, m.recommenderId, m.registeredAt, m.registeredTxId, m.status,
                                       m.statusChangedAt
                                SET m.counts = $zeros, m.counted = false, m.level = 1
                            } IN TRANSACTIONS OF 10000 ROWS
                            """, Map.of("zeros", DepthCounts.ZEROS)).consume();
        }
    }
}
