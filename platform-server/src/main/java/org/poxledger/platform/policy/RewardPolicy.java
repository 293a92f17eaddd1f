package org.poxledger.platform.policy;

import java.util.List;
import org.poxledger.contract.model.Currency;
import org.poxledger.contract.model.Tier;

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

    /** Display settings of a policy that names none: two decimals, symbol PXC (DESIGN §7). */
    public static final Currency DEFAULT_CURRENCY = new Currency(2, "PXC");

    public RewardPolicy {
        levelWeightBps = List.copyOf(levelWeightBps);
        payoutShareBps = List.copyOf(payoutShareBps);
        tiers = List.copyOf(tiers);
        currency = currency == null ? RewardPolicy.DEFAULT_CURRENCY : currency;
    }

    /** @return the ledger's canonical policy in the platform's form (the currency defaulted) */
    public static RewardPolicy of(org.poxledger.contract.model.Policy policy) {
        return new RewardPolicy(
                policy.version(),
                policy.maxDepth(),
                policy.levelWeightBps(),
                policy.payoutShareBps(),
                policy.baseRewardUnits(),
                policy.tiers(),
                policy.currency());
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
                        new Tier(2, 2, 30000, 12500),
                        new Tier(3, 3, 100000, 15000),
                        new Tier(4, 5, 300000, 20000),
                        new Tier(5, 10, 1000000, 30000)),
                RewardPolicy.DEFAULT_CURRENCY);
    }

    /** @return the same policy under another version number (drafts are edited, then published as current+1) */
    public RewardPolicy withVersion(int newVersion) {
        return new RewardPolicy(newVersion, maxDepth, levelWeightBps, payoutShareBps, baseRewardUnits, tiers, currency);
    }
}
