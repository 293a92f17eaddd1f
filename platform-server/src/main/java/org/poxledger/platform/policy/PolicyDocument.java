package org.poxledger.platform.policy;

import java.util.List;
import org.poxledger.contract.model.Currency;
import org.poxledger.contract.model.Tier;

/**
 * A policy as an admin edits it: every field may be missing or wrong, so {@link PolicyValidator} can name each
 * violation instead of failing on the first unreadable one. Valid documents become {@link RewardPolicy} values.
 *
 * @param maxDepth D, 1..10
 * @param levelWeightBps score weight per depth, D entries in 0..10000
 * @param payoutShareBps reward share per depth, D entries in 0..10000
 * @param baseRewardUnits base reward in minor units, positive
 * @param tiers 1..20 tiers, levels 1, 2, 3, ... in order
 * @param currency display settings, optional
 */
public record PolicyDocument(
        Integer maxDepth,
        List<Integer> levelWeightBps,
        List<Integer> payoutShareBps,
        Long baseRewardUnits,
        List<TierDocument> tiers,
        CurrencyDocument currency) {

    /** One tier as edited; see {@link Tier}. */
    public record TierDocument(Integer level, Long minScoreBps, Long minDirect, Integer rateBps) {}

    /** Currency display settings as edited; see {@link Currency}. */
    public record CurrencyDocument(String symbol, Integer decimals) {}

    /** @return the document of an existing policy (its version is not part of a draft) */
    public static PolicyDocument of(RewardPolicy policy) {
        return new PolicyDocument(
                policy.maxDepth(),
                policy.levelWeightBps(),
                policy.payoutShareBps(),
                policy.baseRewardUnits(),
                policy.tiers().stream()
                        .map(t -> new TierDocument(t.level(), t.minScoreBps(), (long) t.minDirect(), t.rateBps()))
                        .toList(),
                new CurrencyDocument(
                        policy.currency().symbol(), policy.currency().decimals()));
    }

    /**
     * @param version the version to give the policy
     * @return the policy; call only after {@link PolicyValidator#validate(PolicyDocument)} found no violation
     */
    public RewardPolicy toPolicy(int version) {
        return new RewardPolicy(
                version,
                maxDepth,
                levelWeightBps,
                payoutShareBps,
                baseRewardUnits,
                tiers.stream()
                        .map(t -> new Tier(t.level(), Math.toIntExact(t.minDirect()), t.minScoreBps(), t.rateBps()))
                        .toList(),
                currency == null
                        ? RewardPolicy.DEFAULT_CURRENCY
                        : new Currency(currency.decimals(), currency.symbol()));
    }
}
