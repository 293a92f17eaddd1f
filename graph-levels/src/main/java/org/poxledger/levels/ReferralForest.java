package org.poxledger.levels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.poxledger.contract.PolicyLimits;

/**
 * The whole referral forest in primitive arrays, as read from the graph, and the depth counters it implies: a 1M-member
 * forest is a few dozen MB here, where one object per member was several hundred. Counting walks each member's at most
 * {@link #DEPTH} ancestors: O(members × depth), no recursion.
 *
 * <p>Members are named by a key of the reader's choice: the member id when the server reads over Bolt, the node id when
 * the {@code pox.levels.recompute} procedure reads inside the database.
 *
 * @param <K> how the reader names a member
 */
public final class ReferralForest<K> {

    /** Counters kept per member, n_1..n_10, whatever the current policy's depth. */
    public static final int DEPTH = PolicyLimits.MAX_DEPTH;

    private static final int NONE = Integer.MIN_VALUE;
    // a fresh member's counters: held, and all zero (a shorter array is padded with zeros)
    private static final long[] ZERO_COUNTS = new long[0];

    private final IntFunction<K> keys;
    private final int size;
    private final int[] parent;
    // what the nodes hold: counts (DEPTH per member, flat), whether they hold counts at all, and the recorded level
    // (a node holds nothing else derived: score and rate follow from its counters and the policy)
    private final long[] storedCounts;
    private final boolean[] hasCounts;
    private final int[] storedLevel;
    private final long[] expected;

    /** @param parent each member's recommender by index, -1 for none */
    private ReferralForest(IntFunction<K> keys, int[] parent, Stored stored) {
        this.keys = keys;
        this.size = parent.length;
        this.parent = parent;
        storedCounts = Arrays.copyOf(stored.counts, size * DEPTH);
        hasCounts = Arrays.copyOf(stored.hasCounts, size);
        storedLevel = Arrays.copyOf(stored.levels, size);
        expected = new long[size * DEPTH];
        for (int i = 0; i < size; i++) {
            int ancestor = parent[i];
            for (int depth = 0; depth < DEPTH && ancestor >= 0; depth++) {
                expected[ancestor * DEPTH + depth]++;
                ancestor = parent[ancestor];
            }
        }
    }

    /** A member whose counters or level differ from what it holds. */
    @FunctionalInterface
    public interface Change {
        /**
         * @param member the member's index
         * @param countsDiffer whether its stored counters differ from {@link #expected(int)}
         * @param level its level under the rule, from the expected counters
         */
        void accept(int member, boolean countsDiffer, MemberLevel level);
    }

    /**
     * Calls {@code change} for every member whose counters differ from the edges, or whose level differs from what
     * {@code rule} gives: the members a recompute must write, and only those.
     */
    public void forEachChange(LevelRule rule, Change change) {
        long[] counts = new long[DEPTH];
        for (int i = 0; i < size(); i++) {
            System.arraycopy(expected, i * DEPTH, counts, 0, DEPTH);
            MemberLevel level = rule.levelOf(counts);
            boolean countsDiffer = differs(i);
            if (countsDiffer || levelDiffers(i, level.level())) {
                change.accept(i, countsDiffer, level);
            }
        }
    }

    public int size() {
        return size;
    }

    /** @return the member's key, as the reader gave it */
    public K key(int i) {
        return keys.apply(i);
    }

    /** @return n_1..n_10 counted from the edges */
    public long[] expected(int i) {
        return Arrays.copyOfRange(expected, i * DEPTH, i * DEPTH + DEPTH);
    }

    /** @return the stored n_1..n_10, {@code null} if the node holds none */
    public long[] stored(int i) {
        return hasCounts[i] ? Arrays.copyOfRange(storedCounts, i * DEPTH, i * DEPTH + DEPTH) : null;
    }

    /** @return the stored level, {@code null} if none */
    public Integer storedLevel(int i) {
        return storedLevel[i] == NONE ? null : storedLevel[i];
    }

    /** @return whether the stored counters differ from the ones the edges give (or there are none) */
    public boolean differs(int i) {
        return !hasCounts[i]
                || !Arrays.equals(storedCounts, i * DEPTH, i * DEPTH + DEPTH, expected, i * DEPTH, i * DEPTH + DEPTH);
    }

    /** @return whether the level read differs from {@code level} (a node with none differs from every level) */
    public boolean levelDiffers(int i, int level) {
        return storedLevel[i] != level;
    }

    /**
     * What the members read hold, by read order: their counters (flat, {@link #DEPTH} each), whether they hold any, and
     * their recorded level. Shared by both builders, which differ only in how they name members.
     */
    private static final class Stored {
        private long[] counts;
        private boolean[] hasCounts;
        private int[] levels;

        Stored(int capacity) {
            counts = new long[capacity * DEPTH];
            hasCounts = new boolean[capacity];
            levels = new int[capacity];
        }

        void set(int i, long[] held, Integer level) {
            if (held != null) {
                hasCounts[i] = true;
                System.arraycopy(held, 0, counts, i * DEPTH, Math.min(DEPTH, held.length));
            }
            levels[i] = level == null ? NONE : level;
        }

        void copy(Stored other, int into, int n) {
            System.arraycopy(other.counts, 0, counts, into * DEPTH, n * DEPTH);
            System.arraycopy(other.hasCounts, 0, hasCounts, into, n);
            System.arraycopy(other.levels, 0, levels, into, n);
        }

        void grow(int capacity) {
            counts = Arrays.copyOf(counts, capacity * DEPTH);
            hasCounts = Arrays.copyOf(hasCounts, capacity);
            levels = Arrays.copyOf(levels, capacity);
        }
    }

    /**
     * Collects members in read order; recommenders are resolved when {@link #build} is called.
     *
     * @param <K> how the reader names a member
     */
    public static final class Builder<K> {

        private int size;
        private Object[] keys;
        private Object[] parentKeys;
        private final Stored stored;

        public Builder() {
            this(1024);
        }

        /** @param capacity members expected, so that a large read does not grow the arrays step by step */
        public Builder(int capacity) {
            capacity = Math.max(16, capacity);
            keys = new Object[capacity];
            parentKeys = new Object[capacity];
            stored = new Stored(capacity);
        }

        /** A member in the state a projection creates it: zero counters and level 1. */
        public void addFresh(K key, K recommender) {
            stored.set(add(key, recommender), ZERO_COUNTS, 1);
        }

        /**
         * @param counts the stored counters ({@code null} if none), padded to {@link #DEPTH}
         * @param level the stored level, {@code null} if none
         */
        public void add(K key, K recommender, long[] counts, Integer level) {
            stored.set(add(key, recommender), counts, level);
        }

        /** Like {@link #add(Object, Object, long[], Integer)}, counters as a list. */
        public void add(K key, K recommender, List<? extends Number> counts, Integer level) {
            long[] array = null;
            if (counts != null) {
                array = new long[Math.min(DEPTH, counts.size())];
                for (int d = 0; d < array.length; d++) {
                    array[d] = counts.get(d).longValue();
                }
            }
            add(key, recommender, array, level);
        }

        private int add(K key, K recommender) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                parentKeys = Arrays.copyOf(parentKeys, size * 2);
                stored.grow(size * 2);
            }
            keys[size] = key;
            parentKeys[size] = recommender;
            return size++;
        }

        @SuppressWarnings("unchecked")
        public ReferralForest<K> build() {
            Object[] named = Arrays.copyOf(keys, size);
            Map<Object, Integer> index = HashMap.newHashMap(size);
            for (int i = 0; i < size; i++) {
                index.put(named[i], i);
            }
            int[] parent = new int[size];
            for (int i = 0; i < size; i++) {
                Object recommender = parentKeys[i];
                parent[i] = recommender == null ? -1 : index.getOrDefault(recommender, -1);
            }
            return new ReferralForest<>(i -> (K) named[i], parent, stored);
        }
    }

    /**
     * Collects members named by a {@code long}, such as a database's node ids, in primitive arrays and resolves their
     * recommenders through a primitive map: for a million members, the {@link Builder}'s boxed keys and {@code
     * HashMap} cost a third of a second and several million objects for the collector to copy.
     *
     * <p>Uses Eclipse Collections, an optional dependency of this module: Neo4j ships it, and only the recompute that
     * runs inside the database reads members this way.
     */
    public static final class LongKeyBuilder {

        /** The recommender of a member that has none. */
        public static final long NO_RECOMMENDER = Long.MIN_VALUE;

        private int size;
        private long[] keys;
        private long[] parentKeys;
        private final Stored stored;

        /** @param capacity members expected, so that a large read does not grow the arrays step by step */
        public LongKeyBuilder(int capacity) {
            capacity = Math.max(16, capacity);
            keys = new long[capacity];
            parentKeys = new long[capacity];
            stored = new Stored(capacity);
        }

        /**
         * @param recommender the recommender's key, {@link #NO_RECOMMENDER} for none
         * @param counts the stored counters ({@code null} if none), padded to {@link #DEPTH}
         * @param level the stored level, {@code null} if none
         */
        public void add(long key, long recommender, long[] counts, Integer level) {
            if (size == keys.length) {
                grow(size * 2);
            }
            keys[size] = key;
            parentKeys[size] = recommender;
            stored.set(size++, counts, level);
        }

        /** Appends every member another builder collected, in its order (members read in parts, then joined). */
        public void addAll(LongKeyBuilder other) {
            if (size + other.size > keys.length) {
                grow(Math.max(keys.length * 2, size + other.size));
            }
            System.arraycopy(other.keys, 0, keys, size, other.size);
            System.arraycopy(other.parentKeys, 0, parentKeys, size, other.size);
            stored.copy(other.stored, size, other.size);
            size += other.size;
        }

        private void grow(int capacity) {
            keys = Arrays.copyOf(keys, capacity);
            parentKeys = Arrays.copyOf(parentKeys, capacity);
            stored.grow(capacity);
        }

        public ReferralForest<Long> build() {
            long[] named = Arrays.copyOf(keys, size);
            LongIntHashMap index = new LongIntHashMap(size);
            for (int i = 0; i < size; i++) {
                index.put(named[i], i);
            }
            int[] parent = new int[size];
            for (int i = 0; i < size; i++) {
                long recommender = parentKeys[i];
                parent[i] = recommender == NO_RECOMMENDER ? -1 : index.getIfAbsent(recommender, -1);
            }
            return new ReferralForest<>(i -> named[i], parent, stored);
        }
    }
}
