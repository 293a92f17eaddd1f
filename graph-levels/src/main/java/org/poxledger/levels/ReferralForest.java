package org.poxledger.levels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Object[] keys;
    private final int[] parent;
    // what the nodes hold: counts (DEPTH per member, flat), whether they hold counts at all, and the recorded level
    // (a node holds nothing else derived: score and rate follow from its counters and the policy)
    private final long[] storedCounts;
    private final boolean[] hasCounts;
    private final int[] storedLevel;
    private final long[] expected;

    private ReferralForest(Builder<K> builder) {
        int n = builder.size;
        keys = Arrays.copyOf(builder.keys, n);
        storedCounts = Arrays.copyOf(builder.storedCounts, n * DEPTH);
        hasCounts = Arrays.copyOf(builder.hasCounts, n);
        storedLevel = Arrays.copyOf(builder.storedLevel, n);
        Map<Object, Integer> index = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            index.put(keys[i], i);
        }
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            Object recommender = builder.parentKeys[i];
            parent[i] = recommender == null ? -1 : index.getOrDefault(recommender, -1);
        }
        expected = new long[n * DEPTH];
        for (int i = 0; i < n; i++) {
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
        return keys.length;
    }

    /** @return the member's key, as the reader gave it */
    @SuppressWarnings("unchecked")
    public K key(int i) {
        return (K) keys[i];
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
     * Collects members in read order; recommenders are resolved when {@link #build} is called.
     *
     * @param <K> how the reader names a member
     */
    public static final class Builder<K> {

        private int size;
        private Object[] keys;
        private Object[] parentKeys;
        private long[] storedCounts;
        private boolean[] hasCounts;
        private int[] storedLevel;

        public Builder() {
            this(1024);
        }

        /** @param capacity members expected, so that a large read does not grow the arrays step by step */
        public Builder(int capacity) {
            capacity = Math.max(16, capacity);
            keys = new Object[capacity];
            parentKeys = new Object[capacity];
            storedCounts = new long[capacity * DEPTH];
            hasCounts = new boolean[capacity];
            storedLevel = new int[capacity];
        }

        /** A member in the state a projection creates it: zero counters and level 1. */
        public void addFresh(K key, K recommender) {
            int i = add(key, recommender);
            hasCounts[i] = true;
            storedLevel[i] = 1;
        }

        /**
         * @param counts the stored counters ({@code null} if none), padded to {@link #DEPTH}
         * @param level the stored level, {@code null} if none
         */
        public void add(K key, K recommender, long[] counts, Integer level) {
            int i = add(key, recommender);
            if (counts != null) {
                hasCounts[i] = true;
                System.arraycopy(counts, 0, storedCounts, i * DEPTH, Math.min(DEPTH, counts.length));
            }
            storedLevel[i] = level == null ? NONE : level;
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

        /** Appends every member another builder collected, in its order (members read in parts, then joined). */
        public void addAll(Builder<K> other) {
            if (size + other.size > keys.length) {
                grow(Math.max(keys.length * 2, size + other.size));
            }
            int n = other.size;
            System.arraycopy(other.keys, 0, keys, size, n);
            System.arraycopy(other.parentKeys, 0, parentKeys, size, n);
            System.arraycopy(other.storedCounts, 0, storedCounts, size * DEPTH, n * DEPTH);
            System.arraycopy(other.hasCounts, 0, hasCounts, size, n);
            System.arraycopy(other.storedLevel, 0, storedLevel, size, n);
            size += n;
        }

        private int add(K key, K recommender) {
            if (size == keys.length) {
                grow(size * 2);
            }
            keys[size] = key;
            parentKeys[size] = recommender;
            return size++;
        }

        private void grow(int capacity) {
            keys = Arrays.copyOf(keys, capacity);
            parentKeys = Arrays.copyOf(parentKeys, capacity);
            storedCounts = Arrays.copyOf(storedCounts, capacity * DEPTH);
            hasCounts = Arrays.copyOf(hasCounts, capacity);
            storedLevel = Arrays.copyOf(storedLevel, capacity);
        }

        public ReferralForest<K> build() {
            return new ReferralForest<>(this);
        }
    }
}
