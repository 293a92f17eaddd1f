package org.poxledger.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.poxledger.levels.LevelRule;
import org.poxledger.levels.MemberLevel;
import org.poxledger.levels.ReferralForest;

/**
 * {@code pox.levels.recompute}: the server's full recompute of depth counters and levels (DESIGN §5), run inside the
 * database. Over Bolt, a million members cost seconds to stream out and again to write back; here the forest is read
 * through the node store into {@link ReferralForest}, counted, and only the members that differ are written, in
 * batches of their own transactions, two at a time on disjoint members.
 *
 * <p>It writes exactly what the server's Bolt recompute writes (the same properties and types, and a {@code
 * :LevelChange} per changed level), with the same compare-and-set: a member whose counters changed since the read, for
 * example by a registration committed meanwhile, is left alone and reported as skipped.
 */
public final class LevelRecomputeProcedure {

    private static final Label MEMBER = Label.label("Member");
    private static final Label LEVEL_CHANGE = Label.label("LevelChange");
    private static final RelationshipType RECOMMENDED = RelationshipType.withName("RECOMMENDED");
    private static final RelationshipType LEVEL_CHANGED = RelationshipType.withName("LEVEL_CHANGED");
    // a write transaction's fixed cost (commit, log flush) dominates small ones; 20k members are ~20 MB of state
    private static final int BATCH = 20_000;
    // one transaction builds its changes while the other commits; more only queue on the commit
    private static final int WRITERS = 2;
    // as many as this machine's cores (2): more only take turns
    private static final int READERS = 2;
    private static final String[] STORED = {"counts", "level", "scoreBps", "rateBps", "levelPolicyVersion"};

    @Context
    public GraphDatabaseService db;

    /** What one recompute did; the server logs it and returns it to the admin. */
    public static final class Outcome {
        public final long members;
        public final long rewritten;
        public final long corrected;
        public final long levelChanges;
        public final List<String> skipped;
        public final long readMillis;
        public final long countMillis;
        public final long writeMillis;

        Outcome(long members, long rewritten, Written written, long readMillis, long countMillis, long writeMillis) {
            this.members = members;
            this.rewritten = rewritten;
            this.corrected = written.corrected;
            this.levelChanges = written.levelChanges;
            this.skipped = written.skipped;
            this.readMillis = readMillis;
            this.countMillis = countMillis;
            this.writeMillis = writeMillis;
        }
    }

    @Procedure(name = LevelRule.RECOMPUTE_PROCEDURE, mode = Mode.WRITE)
    @Description("Recounts every member's depth counters from the RECOMMENDED edges and re-derives its level under the"
            + " given rule (LevelRule.parameter()), writing only the members that differ.")
    public Stream<Outcome> recompute(
            @Name("rule") Map<String, Object> rule, @Name("changedAt") long changedAt, @Name("cause") String cause) {
        LevelRule levelRule = LevelRule.fromParameter(rule);
        long started = System.nanoTime();
        ReferralForest<Long> forest = read();
        long read = System.nanoTime();
        Changes changes = new Changes(forest.size());
        forest.forEachChange(levelRule, changes::add);
        long counted = System.nanoTime();
        Written written = write(forest, changes, levelRule.policyVersion(), changedAt, cause);
        long done = System.nanoTime();
        return Stream.of(new Outcome(
                forest.size(),
                changes.size,
                written,
                (read - started) / 1_000_000,
                (counted - read) / 1_000_000,
                (done - counted) / 1_000_000));
    }

    /**
     * Every member keyed by its node id, with its recommender's node id and what it holds. {@link #READERS} threads
     * each read every READERS-th member of the label scan in a transaction of their own: reading a node's properties
     * and its recommender is most of the cost, and spreads over the cores. (Neo4j reads committed data, so one long
     * transaction would be no more a snapshot than these; the writes' compare-and-set covers what changes meanwhile.)
     */
    private ReferralForest<Long> read() {
        List<Future<ReferralForest.Builder<Long>>> parts = new ArrayList<>();
        try (ExecutorService readers = Executors.newFixedThreadPool(READERS)) {
            for (int part = 0; part < READERS; part++) {
                int mine = part;
                parts.add(readers.submit(() -> readPart(mine)));
            }
        }
        ReferralForest.Builder<Long> forest = done(parts.getFirst());
        for (Future<ReferralForest.Builder<Long>> part : parts.subList(1, parts.size())) {
            forest.addAll(done(part));
        }
        return forest.build();
    }

    @SuppressWarnings("deprecation") // node ids: a million element-id strings would cost more than the read itself
    private ReferralForest.Builder<Long> readPart(int part) {
        try (Transaction tx = db.beginTx();
                ResourceIterator<Node> members = tx.findNodes(MEMBER)) {
            ReferralForest.Builder<Long> forest = new ReferralForest.Builder<>(1 << 16);
            for (long position = 0; members.hasNext(); position++) {
                Node member = members.next();
                if (position % READERS != part) {
                    continue;
                }
                Long recommender = recommenderOf(member);
                Map<String, Object> stored = member.getProperties(STORED);
                long[] counts = stored.get("counts") instanceof long[] array ? array : null;
                Object level = stored.get("level");
                if (ReferralForest.isFresh(
                        counts,
                        level instanceof Number number ? number : null,
                        stored.get("scoreBps"),
                        stored.get("rateBps"),
                        stored.get("levelPolicyVersion"))) {
                    forest.addFresh(member.getId(), recommender);
                } else {
                    forest.add(
                            member.getId(),
                            recommender,
                            counts,
                            intOrNull(level),
                            stored.get("scoreBps") instanceof Number score ? score.longValue() : null,
                            intOrNull(stored.get("rateBps")),
                            intOrNull(stored.get("levelPolicyVersion")));
                }
            }
            tx.commit();
            return forest;
        }
    }

    @SuppressWarnings("deprecation")
    private static Long recommenderOf(Node member) {
        try (var edges = member.getRelationships(Direction.INCOMING, RECOMMENDED)) {
            for (Relationship edge : edges) {
                return edge.getStartNode().getId();
            }
        }
        return null;
    }

    private static Integer intOrNull(Object value) {
        return value instanceof Number number ? Math.toIntExact(number.longValue()) : null;
    }

    /** The members to write, in read order, with the level each gets. */
    private static final class Changes {
        private int[] members;
        private boolean[] countsDiffer;
        private MemberLevel[] levels;
        private int size;

        Changes(int capacity) {
            members = new int[Math.max(16, capacity / 4)];
            countsDiffer = new boolean[members.length];
            levels = new MemberLevel[members.length];
        }

        void add(int member, boolean differ, MemberLevel level) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
                countsDiffer = Arrays.copyOf(countsDiffer, size * 2);
                levels = Arrays.copyOf(levels, size * 2);
            }
            members[size] = member;
            countsDiffer[size] = differ;
            levels[size] = level;
            size++;
        }
    }

    private record Written(long corrected, long levelChanges, List<String> skipped) {}

    private Written write(
            ReferralForest<Long> forest, Changes changes, int policyVersion, long changedAt, String cause) {
        List<Future<Written>> batches = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (int from = 0; from < changes.size; from += BATCH) {
                int start = from;
                int end = Math.min(changes.size, from + BATCH);
                batches.add(
                        writers.submit(() -> writeBatch(forest, changes, start, end, policyVersion, changedAt, cause)));
            }
        }
        long corrected = 0;
        long levelChanges = 0;
        List<String> skipped = new ArrayList<>();
        for (Future<Written> batch : batches) {
            Written written = done(batch);
            corrected += written.corrected;
            levelChanges += written.levelChanges;
            skipped.addAll(written.skipped);
        }
        return new Written(corrected, levelChanges, skipped);
    }

    @SuppressWarnings("deprecation")
    private Written writeBatch(
            ReferralForest<Long> forest,
            Changes changes,
            int from,
            int to,
            int policyVersion,
            long changedAt,
            String cause) {
        long corrected = 0;
        long levelChanges = 0;
        List<String> skipped = new ArrayList<>();
        try (Transaction tx = db.beginTx()) {
            for (int c = from; c < to; c++) {
                int i = changes.members[c];
                Node member = tx.getNodeById(forest.key(i));
                // compare-and-set under the node's write lock, as the Bolt write-back does
                tx.acquireWriteLock(member);
                long[] now = member.getProperty("counts", null) instanceof long[] array ? array : new long[0];
                long[] read = forest.stored(i);
                if (!Arrays.equals(now, read == null ? new long[0] : read)) {
                    skipped.add((String) member.getProperty("memberId"));
                    continue;
                }
                MemberLevel level = changes.levels[c];
                // Cypher integers are longs: written as such, a node reads the same whichever path wrote it. Only
                // what differs is set (most corrected members keep level 1): each property set is a record change
                // the commit must serialise and apply, which is most of this procedure's time.
                if (changes.countsDiffer[c]) {
                    member.setProperty("counts", forest.expected(i));
                }
                setIfDifferent(member, "level", (long) level.level());
                setIfDifferent(member, "scoreBps", level.scoreBps());
                setIfDifferent(member, "rateBps", (long) level.rateBps());
                setIfDifferent(member, "levelPolicyVersion", (long) policyVersion);
                if (changes.countsDiffer[c]) {
                    corrected++;
                }
                Integer fromLevel = forest.storedLevel(i);
                if (fromLevel != null && fromLevel != level.level()) {
                    recordChange(tx, member, fromLevel, level, policyVersion, changedAt, cause);
                    levelChanges++;
                }
            }
            tx.commit();
        }
        return new Written(corrected, levelChanges, skipped);
    }

    private static void setIfDifferent(Node member, String key, long value) {
        if (!(member.getProperty(key, null) instanceof Long stored) || stored != value) {
            member.setProperty(key, value);
        }
    }

    private static void recordChange(
            Transaction tx,
            Node member,
            int fromLevel,
            MemberLevel level,
            int policyVersion,
            long changedAt,
            String cause) {
        Node change = tx.createNode(LEVEL_CHANGE);
        change.setProperty("memberId", member.getProperty("memberId"));
        change.setProperty("fromLevel", (long) fromLevel);
        change.setProperty("toLevel", (long) level.level());
        change.setProperty("scoreBps", level.scoreBps());
        change.setProperty("policyVersion", (long) policyVersion);
        change.setProperty("changedAt", changedAt);
        change.setProperty("cause", cause);
        member.createRelationshipTo(change, LEVEL_CHANGED);
    }

    private static <T> T done(Future<T> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recomputing levels", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("recomputing levels failed", e.getCause());
        }
    }
}
