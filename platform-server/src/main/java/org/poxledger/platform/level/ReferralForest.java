package org.poxledger.platform.level;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole referral forest in arrays, as read from the graph, and the depth counters it implies. Counting walks each
 * member's at most {@link DepthCounts#MAX_DEPTH} ancestors: O(members × depth), no recursion.
 */
final class ReferralForest {

    /** One member as read: its recommender and its stored counters and level. */
    record Node(
            String memberId,
            String recommenderId,
            long[] storedCounts,
            Integer storedLevel,
            Long storedScoreBps,
            Integer storedRateBps,
            Integer storedPolicyVersion) {

        /** @return whether the node already holds this level under this policy version */
        boolean holds(MemberLevel level, int policyVersion) {
            return storedLevel != null
                    && storedLevel == level.level()
                    && storedScoreBps != null
                    && storedScoreBps == level.scoreBps()
                    && storedRateBps != null
                    && storedRateBps == level.rateBps()
                    && storedPolicyVersion != null
                    && storedPolicyVersion == policyVersion;
        }
    }

    private final List<Node> nodes;
    private final long[][] expected;

    ReferralForest(List<Node> nodes) {
        this.nodes = nodes;
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).memberId(), i);
        }
        int[] parent = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            String recommender = nodes.get(i).recommenderId();
            parent[i] = recommender == null ? -1 : index.getOrDefault(recommender, -1);
        }
        expected = new long[nodes.size()][DepthCounts.MAX_DEPTH];
        for (int i = 0; i < nodes.size(); i++) {
            int ancestor = parent[i];
            for (int depth = 0; depth < DepthCounts.MAX_DEPTH && ancestor >= 0; depth++) {
                expected[ancestor][depth]++;
                ancestor = parent[ancestor];
            }
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    long[] expected(int i) {
        return expected[i];
    }

    boolean differs(int i) {
        long[] stored = nodes.get(i).storedCounts();
        return stored == null || !java.util.Arrays.equals(stored, expected[i]);
    }
}
