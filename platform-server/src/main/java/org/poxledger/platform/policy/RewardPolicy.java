package org.poxledger.platform.policy;

import java.util.List;

/**
 * A versioned reward policy, field for field the policy JSON of docs/ledger-wire.md. All numbers are integers:
 * weights and shares in basis points, the base reward in minor units.
 *
 * @param version policy version, published on-chain
 * @param maxDepth D, how many levels below a member count (1..10)
 * @param levelWeightBps weight of a recommendee at depth d (index d-1) in the member's score
 * @param payoutShareBps share of the base reward an ancestor at depth d earns per new member
 * @param baseRewardUnits base reward in minor units
 * @param tiers levels in ascending order
 * @param currency display settings
 */
public record RewardPolicy(
        int version,
        int maxDepth,
        List<Integer> levelWeightBps,
        List<Integer> payoutShareBps,
        long baseRewardUnits,
        List<Tier> tiers,
        Currency currency) {

    public RewardPolicy {
        levelWeightBps = List.copyOf(levelWeightBps);
        payoutShareBps = List.copyOf(payoutShareBps);
        tiers = List.copyOf(tiers);
        currency = currency == null ? Currency.DEFAULT : currency;
    }

    /** The default policy, version 1, from DESIGN §5 and §6. */
    public static RewardPolicy defaultPolicy() {
        return new RewardPolicy(
                1,
                3,
                List.of(10000, 5000, 2500),
                List.of(10000, 2000, 500),
                10000,
                List.of(
                        new Tier(1, 0, 0, 10000),
                        new Tier(2, 30000, 2, 12500),
                        new Tier(3, 100000, 3, 15000),
                        new Tier(4, 300000, 5, 20000),
                        new Tier(5, 1000000, 10, 30000)),
                Currency.DEFAULT);
    }

    /** @return the same policy under another version number (drafts are edited, then published as current+1) */
    public RewardPolicy withVersion(int newVersion) {
        return new RewardPolicy(newVersion, maxDepth, levelWeightBps, payoutShareBps, baseRewardUnits, tiers, currency);
    }
}
