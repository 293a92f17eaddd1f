package org.poxledger.procedures;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.poxledger.contract.PolicyLimits;
import org.poxledger.levels.LevelRule;
import org.poxledger.levels.MemberLevel;

/**
 * {@code pox.members.count}: counts registrations into their ancestors' depth counters and levels, inside the
 * caller's statement (DESIGN §5). The server's Cypher does the same per registration with a variable-length match, a
 * list comprehension per ancestor and the tiers filtered in Cypher: about 2-3 ms a registration, most of the batch
 * projection's time and the whole of a single registration's. Here the walk up is a relationship hop and the level
 * is {@link LevelRule}'s arithmetic, the same the recompute uses.
 *
 * <p>Called after the statement upserted the members (so each node holds its ledger fields and is write-locked), with
 * the nodes in ledger order. A member already {@code counted} is left alone; a genesis member (no recommender) is only
 * marked counted; any other hangs under its recommender, and each of its at most {@link PolicyLimits#MAX_DEPTH}
 * ancestors, write-locked nearest-first as the Cypher locks them, gets one more at its depth and is re-levelled, with
 * a {@code :LevelChange} when its level moves. A member registered earlier in the list is already an ancestor of a
 * later one, so a list leaves exactly the graph that counting each member in its own statement leaves.
 *
 * <p>A recommender that is not in the graph stops the call before that member, reported in {@code missingMemberId}
 * and {@code missingRecommenderId}: the caller rolls the transaction back, so nothing of the list is written.
 */
public final class RegistrationCountProcedure {

    private static final Label MEMBER = Label.label("Member");
    private static final Label LEVEL_CHANGE = Label.label("LevelChange");
    private static final RelationshipType RECOMMENDED = RelationshipType.withName("RECOMMENDED");
    private static final RelationshipType LEVEL_CHANGED = RelationshipType.withName("LEVEL_CHANGED");
    private static final int DEPTH = PolicyLimits.MAX_DEPTH;

    @Context
    public Transaction tx;

    /** What one call counted. */
    public static final class Outcome {
        /** members hung under their recommender and counted into their ancestors now */
        public long registered;
        /** genesis members marked counted now */
        public long genesis;
        /** members counted before, left alone */
        public long countedBefore;
        /** ancestor counters incremented, one per registration and depth */
        public long ancestors;
        /** level changes recorded */
        public long levelChanges;
        /** the first member whose recommender is not in the graph, {@code null} if none */
        public String missingMemberId;
        /** that member's recommender */
        public String missingRecommenderId;
    }

    @Procedure(name = LevelRule.COUNT_PROCEDURE, mode = Mode.WRITE)
    @Description("Counts each of the given member nodes, in order, into its ancestors' depth counters and levels under"
            + " the given rule (LevelRule.parameter()); members already counted are left alone.")
    public Stream<Outcome> count(@Name("members") List<Node> members, @Name("rule") Map<String, Object> rule) {
        LevelRule levelRule = LevelRule.fromParameter(rule);
        Outcome outcome = new Outcome();
        for (Node member : members) {
            if (Boolean.TRUE.equals(member.getProperty("counted", false))) {
                outcome.countedBefore++;
                continue;
            }
            String recommenderId = (String) member.getProperty("recommenderId", null);
            if (recommenderId == null) {
                member.setProperty("counted", true);
                outcome.genesis++;
                continue;
            }
            Node recommender = tx.findNode(MEMBER, "memberId", recommenderId);
            if (recommender == null) {
                outcome.missingMemberId = (String) member.getProperty("memberId");
                outcome.missingRecommenderId = recommenderId;
                break;
            }
            recommender.createRelationshipTo(member, RECOMMENDED);
            member.setProperty("counted", true);
            outcome.registered++;
            countUp(recommender, member, levelRule, outcome);
        }
        return Stream.of(outcome);
    }

    /** One more member at each depth above {@code member}, nearest ancestor first, each re-levelled. */
    private void countUp(Node recommender, Node member, LevelRule rule, Outcome outcome) {
        long changedAt = ((Number) member.getProperty("registeredAt")).longValue();
        String cause = "registration " + member.getProperty("memberId");
        Node ancestor = recommender;
        for (int depth = 0; depth < DEPTH && ancestor != null; depth++) {
            // locked before its counters are read: a concurrent registration under the same ancestor waits here
            tx.acquireWriteLock(ancestor);
            long[] counts = countsOf(ancestor);
            counts[depth]++;
            ancestor.setProperty("counts", counts);
            outcome.ancestors++;
            MemberLevel level = rule.levelOf(counts);
            Object stored = ancestor.getProperty("level", null);
            // Cypher integers are longs: written as such, a node reads the same whichever path wrote it
            if (!(stored instanceof Number from) || from.longValue() != level.level()) {
                ancestor.setProperty("level", (long) level.level());
                if (stored instanceof Number from) {
                    recordChange(ancestor, from.longValue(), level, rule.policyVersion(), changedAt, cause);
                    outcome.levelChanges++;
                }
            }
            ancestor = recommenderOf(ancestor);
        }
    }

    private static long[] countsOf(Node member) {
        return member.getProperty("counts", null) instanceof long[] stored
                ? Arrays.copyOf(stored, Math.max(DEPTH, stored.length))
                : new long[DEPTH];
    }

    private static Node recommenderOf(Node member) {
        try (ResourceIterable<Relationship> incoming = member.getRelationships(Direction.INCOMING, RECOMMENDED)) {
            for (Relationship edge : incoming) {
                return edge.getStartNode();
            }
        }
        return null;
    }

    private void recordChange(
            Node member, long fromLevel, MemberLevel level, int policyVersion, long changedAt, String cause) {
        Node change = tx.createNode(LEVEL_CHANGE);
        change.setProperty("memberId", member.getProperty("memberId"));
        change.setProperty("fromLevel", fromLevel);
        change.setProperty("toLevel", (long) level.level());
        change.setProperty("scoreBps", level.scoreBps());
        change.setProperty("policyVersion", (long) policyVersion);
        change.setProperty("changedAt", changedAt);
        change.setProperty("cause", cause);
        member.createRelationshipTo(change, LEVEL_CHANGED);
    }
}
