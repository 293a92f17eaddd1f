package org.poxledger.platform.reward;

import java.util.Map;
import org.poxledger.platform.policy.RewardPolicy;
import org.springframework.stereotype.Component;

/** Computes a cycle's entries from the projected tree: new members per ancestor and depth, levels as of the end. */
@Component
class CycleCalculator {

    private final CycleGraph graph;

    CycleCalculator(CycleGraph graph) {
        this.graph = graph;
    }

    /**
     * @param policy the policy to apply
     * @param start first registration time covered (inclusive)
     * @param end end of the range (exclusive), also the instant the levels are taken at
     */
    CycleComputation compute(RewardPolicy policy, long start, long end) {
        Map<String, long[]> newAtDepth = graph.newAtDepth(start, end, policy.maxDepth());
        Map<String, long[]> countsAtEnd = graph.countsAtEnd(newAtDepth.keySet(), end, policy.maxDepth());
        var entries = RewardCalculator.entries(policy, newAtDepth, countsAtEnd);
        long expansionEvents = graph.memberCount(end) - graph.memberCount(start);
        return new CycleComputation(
                policy,
                start,
                end,
                entries,
                RewardCalculator.total(entries),
                expansionEvents,
                MerkleTree.of(entries).root());
    }
}
