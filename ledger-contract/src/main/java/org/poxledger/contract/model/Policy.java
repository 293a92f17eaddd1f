package org.poxledger.contract.model;

import java.util.List;

/**
 * A reward policy (DESIGN §5, §6), in the canonical form whose sorted-key JSON is hashed.
 *
 * @param baseRewardUnits minor units per unit of weighted expansion
 * @param currency display settings, {@code null} (omitted) when not given
 * @param levelWeightBps score weight per depth, {@code maxDepth} entries
 * @param maxDepth how many ancestor levels an expansion event reaches, 1..10
 * @param payoutShareBps reward share per depth, {@code maxDepth} entries
 * @param tiers the levels, lowest first
 * @param version the policy version, 1, 2, ...
 */
public record Policy(
        long baseRewardUnits,
        Currency currency,
        List<Integer> levelWeightBps,
        int maxDepth,
        List<Integer> payoutShareBps,
        List<Tier> tiers,
        int version) {

    public Policy {
        levelWeightBps = List.copyOf(levelWeightBps);
        payoutShareBps = List.copyOf(payoutShareBps);
        tiers = List.copyOf(tiers);
    }
}
