package org.poxledger.platform.level;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole referral forest in primitive arrays, as read from the graph, and the depth counters it implies: a 1M-member
 * forest is a few dozen MB here, where one object per member was several hundred. Counting walks each member's at most
 * {@link DepthCounts#MAX_DEPTH} ancestors: O(members × depth), no recursion.
 */
final class ReferralForest {

    private static final int D = DepthCounts.MAX_DEPTH;
    private static final int NONE = Integer.MIN_VALUE;

    private final String[] memberIds;
    private final int[] parent;
    // what the nodes hold: counts (D per member, flat), whether they hold counts at all, and the recorded level
    private final long[] storedCounts;
    private final boolean[] hasCounts;
    private final boolean[] fresh;
    private final int[] storedLevel;
    private final long[] storedScoreBps;
    private final boolean[] hasScore;
    private final int[] storedRateBps;
    private final int[] storedPolicyVersion;
    private final long[] expected;

    private ReferralForest(Builder builder) {
        int n = builder.size;
        memberIds = Arrays.copyOf(builder.memberIds, n);
        storedCounts = Arrays.copyOf(builder.storedCounts, n * D);
        hasCounts = Arrays.copyOf(builder.hasCounts, n);
        fresh = Arrays.copyOf(builder.fresh, n);
        storedLevel = Arrays.copyOf(builder.storedLevel, n);
        storedScoreBps = Arrays.copyOf(builder.storedScoreBps, n);
        hasScore = Arrays.copyOf(builder.hasScore, n);
        storedRateBps = Arrays.copyOf(builder.storedRateBps, n);
        storedPolicyVersion = Arrays.copyOf(builder.storedPolicyVersion, n);
        Map<String, Integer> index = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            index.put(memberIds[i], i);
        }
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            String recommender = builder.recommenderIds[i];
            parent[i] = recommender == null ? -1 : index.getOrDefault(recommender, -1);
        }
        expected = new long[n * D];
        for (int i = 0; i < n; i++) {
            int ancestor = parent[i];
            for (int depth = 0; depth < D && ancestor >= 0; depth++) {
                expected[ancestor * D + depth]++;
                ancestor = parent[ancestor];
            }
        }
    }

    int size() {
        return memberIds.length;
    }

    String memberId(int i) {
        return memberIds[i];
    }

    /** @return n_1..n_10 counted from the edges */
    long[] expected(int i) {
        return Arrays.copyOfRange(expected, i * D, i * D + D);
    }

    /** @return the stored n_1..n_10, {@code null} if the node holds none */
    long[] stored(int i) {
        return hasCounts[i] ? Arrays.copyOfRange(storedCounts, i * D, i * D + D) : null;
    }

    /** @return the stored level, {@code null} if none */
    Integer storedLevel(int i) {
        return storedLevel[i] == NONE ? null : storedLevel[i];
    }

    boolean differs(int i) {
        return !hasCounts[i] || !Arrays.equals(storedCounts, i * D, i * D + D, expected, i * D, i * D + D);
    }

    /**
     * Whether the node already holds this level under this policy version. A fresh node (all-zero counters, level 1,
     * no score, rate or version: what the projection creates for a member nobody has registered under yet) holds the
     * level its zero counters give, when that is level 1: the recompute then leaves it as the projection would, rather
     * than writing the same zero score onto every leaf of the tree.
     */
    boolean holds(int i, MemberLevel level, int policyVersion) {
        if (fresh[i]) {
            return level.level() == 1 && level.scoreBps() == 0;
        }
        return storedLevel[i] == level.level()
                && hasScore[i]
                && storedScoreBps[i] == level.scoreBps()
                && storedRateBps[i] == level.rateBps()
                && storedPolicyVersion[i] == policyVersion;
    }

    /** Collects members in read order; recommenders are resolved when {@link #build} is called. */
    static final class Builder {

        private int size;
        private String[] memberIds;
        private String[] recommenderIds;
        private long[] storedCounts;
        private boolean[] hasCounts;
        private boolean[] fresh;
        private int[] storedLevel;
        private long[] storedScoreBps;
        private boolean[] hasScore;
        private int[] storedRateBps;
        private int[] storedPolicyVersion;

        Builder() {
            int capacity = 1024;
            memberIds = new String[capacity];
            recommenderIds = new String[capacity];
            storedCounts = new long[capacity * D];
            hasCounts = new boolean[capacity];
            fresh = new boolean[capacity];
            storedLevel = new int[capacity];
            storedScoreBps = new long[capacity];
            hasScore = new boolean[capacity];
            storedRateBps = new int[capacity];
            storedPolicyVersion = new int[capacity];
        }

        /** A member in the state a projection creates it: zero counters and level 1, nothing else recorded. */
        void addFresh(String memberId, String recommenderId) {
            int i = add(memberId, recommenderId);
            hasCounts[i] = true;
            fresh[i] = true;
            storedLevel[i] = 1;
        }

        /**
         * @param counts the stored counters ({@code null} if none), padded to {@link DepthCounts#MAX_DEPTH}
         * @param level stored level, score, rate and policy version, each {@code null} if none
         */
        void add(
                String memberId,
                String recommenderId,
                List<? extends Number> counts,
                Integer level,
                Long scoreBps,
                Integer rateBps,
                Integer policyVersion) {
            int i = add(memberId, recommenderId);
            if (counts != null) {
                hasCounts[i] = true;
                for (int d = 0; d < Math.min(D, counts.size()); d++) {
                    storedCounts[i * D + d] = counts.get(d).longValue();
                }
            }
            storedLevel[i] = level == null ? NONE : level;
            hasScore[i] = scoreBps != null;
            storedScoreBps[i] = scoreBps == null ? 0 : scoreBps;
            storedRateBps[i] = rateBps == null ? NONE : rateBps;
            storedPolicyVersion[i] = policyVersion == null ? NONE : policyVersion;
        }

        private int add(String memberId, String recommenderId) {
            if (size == memberIds.length) {
                grow(size * 2);
            }
            memberIds[size] = memberId;
            recommenderIds[size] = recommenderId;
            return size++;
        }

        private void grow(int capacity) {
            memberIds = Arrays.copyOf(memberIds, capacity);
            recommenderIds = Arrays.copyOf(recommenderIds, capacity);
            storedCounts = Arrays.copyOf(storedCounts, capacity * D);
            hasCounts = Arrays.copyOf(hasCounts, capacity);
            fresh = Arrays.copyOf(fresh, capacity);
            storedLevel = Arrays.copyOf(storedLevel, capacity);
            storedScoreBps = Arrays.copyOf(storedScoreBps, capacity);
            hasScore = Arrays.copyOf(hasScore, capacity);
            storedRateBps = Arrays.copyOf(storedRateBps, capacity);
            storedPolicyVersion = Arrays.copyOf(storedPolicyVersion, capacity);
        }

        ReferralForest build() {
            return new ReferralForest(this);
        }
    }
}
