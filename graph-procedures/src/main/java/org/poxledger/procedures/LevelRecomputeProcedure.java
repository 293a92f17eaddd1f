package org.poxledger.procedures;

import static org.neo4j.token.api.TokenConstants.NO_TOKEN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.CursorFactory;
import org.neo4j.internal.kernel.api.Locks;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.io.pagecache.context.CursorContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.memory.MemoryTracker;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;
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
    // Chosen by measurement at 1M members (426k written), JIT warm: 2,500 to 12,500 members a transaction all write in
    // 4.7-5.1 s, 20,000 in 7.3 s and 40,000 in 10.9 s. Bigger transactions cost more per member to commit and to
    // collect (at 20,000 the young GC paused 0.67 s of the 7 s).
    private static final int BATCH = 10_000;
    // one transaction builds its changes while the other commits; a third only adds live state for the collector to
    // copy (measured at 1M: write 6.5 s with three, 5.0 s with two)
    private static final int WRITERS = 2;
    // as many as this machine's cores (2): more only take turns
    private static final int READERS = 2;
    // the property names the read and the write share
    private static final String COUNTS = "counts";
    private static final String LEVEL = "level";
    private static final String MEMBER_ID = "memberId";
    private static final String SCORE_BPS = "scoreBps";
    // what a member holds that the recompute derives: its counters and the level last recorded (score and rate are
    // derived on read, not stored)
    private static final String[] STORED = {COUNTS, LEVEL};

    /**
     * Test seam: run between the count and the write, so that a test can change the graph exactly there (a member
     * deleted or registered under meanwhile). {@code null}, and so never run, outside tests.
     */
    static volatile Runnable beforeWrite;

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
        Runnable hook = beforeWrite;
        if (hook != null) {
            hook.run();
        }
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
        List<Future<ReferralForest.LongKeyBuilder>> parts = new ArrayList<>();
        try (ExecutorService readers = Executors.newFixedThreadPool(READERS)) {
            for (int part = 0; part < READERS; part++) {
                int mine = part;
                parts.add(readers.submit(() -> readPart(mine)));
            }
        }
        ReferralForest.LongKeyBuilder forest = done(parts.getFirst());
        for (Future<ReferralForest.LongKeyBuilder> part : parts.subList(1, parts.size())) {
            forest.addAll(done(part));
        }
        return forest.build();
    }

    /**
     * The members whose node id is {@code part} modulo {@link #READERS}. Read through the kernel's cursors rather than
     * the core API: one node-store scan, the five stored properties by key id and the incoming edge by type, with no
     * {@code Node}, name lookup or property map per member.
     */
    private ReferralForest.LongKeyBuilder readPart(int part) {
        try (Transaction tx = db.beginTx()) {
            KernelTransaction kernel = ((InternalTransaction) tx).kernelTransaction();
            Tokens tokens = new Tokens(kernel.tokenRead());
            // sized from the label's count (kept by the store, not counted), plus a margin for registrations meanwhile
            long members = tokens.member == NO_TOKEN ? 0 : kernel.dataRead().countsForNode(tokens.member);
            ReferralForest.LongKeyBuilder forest =
                    new ReferralForest.LongKeyBuilder(Math.toIntExact(members / READERS + members / 64 + 16));
            if (tokens.member != NO_TOKEN) {
                scan(kernel, tokens, part, forest);
            }
            tx.commit();
            return forest;
        }
    }

    private static void scan(KernelTransaction kernel, Tokens tokens, int part, ReferralForest.LongKeyBuilder forest) {
        CursorFactory cursors = kernel.cursors();
        CursorContext context = kernel.cursorContext();
        MemoryTracker memory = kernel.memoryTracker();
        Object[] stored = new Object[STORED.length];
        try (NodeCursor nodes = cursors.allocateNodeCursor(context, memory);
                PropertyCursor properties = cursors.allocatePropertyCursor(context, memory);
                RelationshipTraversalCursor edges = cursors.allocateRelationshipTraversalCursor(context, memory)) {
            kernel.dataRead().allNodesScan(nodes);
            while (nodes.next()) {
                if (nodes.nodeReference() % READERS != part || !nodes.hasLabel(tokens.member)) {
                    continue;
                }
                Arrays.fill(stored, null);
                nodes.properties(properties, tokens.stored);
                while (properties.next()) {
                    stored[tokens.indexOf(properties.propertyKey())] =
                            properties.propertyValue().asObjectCopy();
                }
                long recommender = ReferralForest.LongKeyBuilder.NO_RECOMMENDER;
                if (tokens.recommended != NO_TOKEN) {
                    nodes.relationships(edges, tokens.incomingRecommended);
                    if (edges.next()) {
                        recommender = edges.sourceNodeReference();
                    }
                }
                add(forest, nodes.nodeReference(), recommender, stored);
            }
        }
    }

    /** One member as read: {@code stored} holds {@link #STORED}'s values in that order, {@code null} where absent. */
    private static void add(ReferralForest.LongKeyBuilder forest, long member, long recommender, Object[] stored) {
        forest.add(member, recommender, stored[0] instanceof long[] counts ? counts : null, intOrNull(stored[1]));
    }

    /** The ids of the label, type and property keys the read selects; {@code NO_TOKEN} for one never created. */
    private static final class Tokens {
        final int member;
        final int recommended;
        final RelationshipSelection incomingRecommended;
        final PropertySelection stored;
        private final int[] keys = new int[STORED.length];

        Tokens(TokenRead tokens) {
            member = tokens.nodeLabel(MEMBER.name());
            recommended = tokens.relationshipType(RECOMMENDED.name());
            incomingRecommended = RelationshipSelection.selection(recommended, Direction.INCOMING);
            for (int k = 0; k < STORED.length; k++) {
                keys[k] = tokens.propertyKey(STORED[k]);
            }
            stored = PropertySelection.selection(
                    Arrays.stream(keys).filter(key -> key != NO_TOKEN).toArray());
        }

        int indexOf(int key) {
            for (int k = 0; k < keys.length; k++) {
                if (keys[k] == key) {
                    return k;
                }
            }
            throw new IllegalStateException("property key " + key + " was not selected");
        }
    }

    private static Integer intOrNull(Object value) {
        return value instanceof Number number ? Math.toIntExact(number.longValue()) : null;
    }

    /**
     * The members to write, in read order, with the level each gets. Held in primitive arrays rather than one {@link
     * MemberLevel} per member: the hundreds of thousands of objects would live through the whole write, and each young
     * collection would copy them again.
     */
    private static final class Changes {
        private int[] members;
        private boolean[] countsDiffer;
        private int[] levels;
        private long[] scoresBps;
        private int size;

        Changes(int capacity) {
            int initial = Math.max(16, capacity / 4);
            members = new int[initial];
            countsDiffer = new boolean[initial];
            levels = new int[initial];
            scoresBps = new long[initial];
        }

        void add(int member, boolean differ, MemberLevel level) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
                countsDiffer = Arrays.copyOf(countsDiffer, size * 2);
                levels = Arrays.copyOf(levels, size * 2);
                scoresBps = Arrays.copyOf(scoresBps, size * 2);
            }
            members[size] = member;
            countsDiffer[size] = differ;
            levels[size] = level.level();
            scoresBps[size] = level.scoreBps();
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

    private Written writeBatch(
            ReferralForest<Long> forest,
            Changes changes,
            int from,
            int to,
            int policyVersion,
            long changedAt,
            String cause) {
        try (Transaction tx = db.beginTx()) {
            Written written;
            // the writer's cursors go back to the transaction before it commits (commit closes what it still holds)
            try (BatchWriter writer =
                    new BatchWriter(((InternalTransaction) tx).kernelTransaction(), changedAt, cause)) {
                for (int c = from; c < to; c++) {
                    writer.write(forest, changes, c, policyVersion);
                }
                written = new Written(writer.corrected, writer.levelChanges, writer.skipped);
            }
            tx.commit();
            return written;
        } catch (KernelException e) {
            throw new IllegalStateException("writing recomputed levels failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one batch's members through the kernel's write operations rather than the core API: by token id, with no
     * {@code Node} or name lookup per property, as the read does. The compare-and-set reads the counters under the
     * node's write lock, as the Bolt write-back does.
     */
    private static final class BatchWriter implements AutoCloseable {
        private final Read read;
        private final Write write;
        private final Locks locks;
        private final NodeCursor node;
        private final PropertyCursor properties;
        private final WriteTokens tokens;
        private final Value changedAt;
        private final Value cause;
        private long corrected;
        private long levelChanges;
        private final List<String> skipped = new ArrayList<>();

        BatchWriter(KernelTransaction kernel, long changedAt, String cause) throws KernelException {
            read = kernel.dataRead();
            write = kernel.dataWrite();
            locks = kernel.locks();
            node = kernel.cursors().allocateNodeCursor(kernel.cursorContext(), kernel.memoryTracker());
            properties = kernel.cursors().allocatePropertyCursor(kernel.cursorContext(), kernel.memoryTracker());
            tokens = new WriteTokens(kernel.tokenWrite());
            this.changedAt = Values.longValue(changedAt);
            this.cause = Values.stringValue(cause);
        }

        void write(ReferralForest<Long> forest, Changes changes, int c, int policyVersion) throws KernelException {
            int i = changes.members[c];
            long member = forest.key(i);
            locks.acquireExclusiveNodeLock(member);
            long[] held = heldCounts(member);
            if (held == null) {
                return; // deleted since the read: nothing left to correct
            }
            long[] read = forest.stored(i);
            if (!Arrays.equals(held, read == null ? new long[0] : read)) {
                skipped.add(memberIdOfHeld());
                return;
            }
            int level = changes.levels[c];
            // Only what differs is set (most corrected members keep level 1): each property set is a record change
            // the commit must serialise and apply, which is most of this procedure's time. What differs is judged
            // against the read rather than read again: with its counters unchanged since the read, the node still
            // holds the level the read saw, since only a registration (which moves the counters, and so is skipped
            // above) or a recompute writes it. Cypher integers are longs: written as such, a node reads the same
            // whichever path wrote it.
            if (changes.countsDiffer[c]) {
                write.nodeSetProperty(member, tokens.counts, Values.longArray(forest.expected(i)));
                corrected++;
            }
            if (forest.levelDiffers(i, level)) {
                write.nodeSetProperty(member, tokens.level, Values.longValue(level));
            }
            Integer fromLevel = forest.storedLevel(i);
            if (fromLevel != null && fromLevel != level) {
                recordChange(member, memberIdOfHeld(), fromLevel, level, changes.scoresBps[c], policyVersion);
                levelChanges++;
            }
        }

        /**
         * The member's counters as they are now ({@code long[0]} if none), {@code null} if it is gone; leaves the node
         * cursor on the member for {@link #memberIdOfHeld}.
         */
        private long[] heldCounts(long member) {
            read.singleNode(member, node);
            if (!node.next()) {
                return null;
            }
            node.properties(properties, tokens.countsOnly);
            return properties.next() && properties.propertyValue().asObjectCopy() instanceof long[] counts
                    ? counts
                    : new long[0];
        }

        /**
         * The id of the member {@link #heldCounts} last found. Read only for the members that need it (a skipped
         * member, a change of level: about one written member in six), not with every member's counters.
         */
        private String memberIdOfHeld() {
            node.properties(properties, tokens.memberIdOnly);
            return properties.next() && properties.propertyValue().asObjectCopy() instanceof String id ? id : null;
        }

        private void recordChange(
                long member, String memberId, int fromLevel, int toLevel, long scoreBps, int policyVersion)
                throws KernelException {
            long change = write.nodeCreateWithLabels(new int[] {tokens.levelChange});
            write.nodeSetProperty(change, tokens.memberId, Values.stringValue(memberId));
            write.nodeSetProperty(change, tokens.fromLevel, Values.longValue(fromLevel));
            write.nodeSetProperty(change, tokens.toLevel, Values.longValue(toLevel));
            write.nodeSetProperty(change, tokens.scoreBps, Values.longValue(scoreBps));
            write.nodeSetProperty(change, tokens.policyVersion, Values.longValue(policyVersion));
            write.nodeSetProperty(change, tokens.changedAt, changedAt);
            write.nodeSetProperty(change, tokens.cause, cause);
            write.relationshipCreate(member, tokens.levelChanged, change);
        }

        @Override
        public void close() {
            properties.close();
            node.close();
        }
    }

    /** The ids of every token the write sets, created where missing (as the core API would on first use). */
    private static final class WriteTokens {
        final int counts;
        final int level;
        final int scoreBps;
        final int memberId;
        final int fromLevel;
        final int toLevel;
        final int policyVersion;
        final int changedAt;
        final int cause;
        final int levelChange;
        final int levelChanged;
        final PropertySelection countsOnly;
        final PropertySelection memberIdOnly;

        WriteTokens(TokenWrite tokens) throws KernelException {
            counts = tokens.propertyKeyGetOrCreateForName(COUNTS);
            level = tokens.propertyKeyGetOrCreateForName(LEVEL);
            scoreBps = tokens.propertyKeyGetOrCreateForName(SCORE_BPS);
            memberId = tokens.propertyKeyGetOrCreateForName(MEMBER_ID);
            fromLevel = tokens.propertyKeyGetOrCreateForName("fromLevel");
            toLevel = tokens.propertyKeyGetOrCreateForName("toLevel");
            policyVersion = tokens.propertyKeyGetOrCreateForName("policyVersion");
            changedAt = tokens.propertyKeyGetOrCreateForName("changedAt");
            cause = tokens.propertyKeyGetOrCreateForName("cause");
            levelChange = tokens.labelGetOrCreateForName(LEVEL_CHANGE.name());
            levelChanged = tokens.relationshipTypeGetOrCreateForName(LEVEL_CHANGED.name());
            countsOnly = PropertySelection.selection(counts);
            memberIdOnly = PropertySelection.selection(memberId);
        }
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
