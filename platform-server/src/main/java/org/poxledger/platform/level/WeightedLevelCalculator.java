package org.poxledger.platform.level;

import java.util.List;
import java.util.Map;
import org.poxledger.contract.model.Tier;
import org.poxledger.platform.policy.RewardPolicy;

/**
 * DESIGN §5: {@code score = Σ_d levelWeightBps[d] × n_d}, and the level is the highest tier whose score and direct
 * thresholds are both met. Pure integer arithmetic so every node computes the same level; overflow is an error, never
 * a wrap-around.
 */
public final class WeightedLevelCalculator {

    private WeightedLevelCalculator() {}

    /**
     * @param policy the policy to apply
     * @param countsByDepth n_1..n_k, registered members exactly d steps below (index d-1); depths past
     *     {@code policy.maxDepth()} are ignored, missing ones count as zero
     * @return score, level and rate
     */
    public static MemberLevel levelOf(RewardPolicy policy, long[] countsByDepth) {
        long score = scoreBps(policy, countsByDepth);
        long direct = countsByDepth.length > 0 ? countsByDepth[0] : 0;
        Tier reached = tierFor(policy.tiers(), score, direct);
        return new MemberLevel(score, reached.level(), reached.rateBps(), direct);
    }

    /** @return the weighted score in basis points */
    public static long scoreBps(RewardPolicy policy, long[] countsByDepth) {
        long score = 0;
        int depths = Math.min(policy.maxDepth(), countsByDepth.length);
        for (int d = 0; d < depths; d++) {
            score = Math.addExact(
                    score, Math.multiplyExact((long) policy.levelWeightBps().get(d), countsByDepth[d]));
        }
        return score;
    }

    /**
     * The policy as the single registration's Cypher takes it ({@code MemberProjection}), which scores and levels a
     * member's ancestors inside its one statement with the same integer arithmetic as {@link #levelOf}: {@code
     * weights} (the first {@code maxDepth} level weights), {@code tiers} ({@code level, minDirect, minScoreBps,
     * rateBps}, ascending) and {@code version}. {@code RegistrationLevelsIT} keeps the two equal.
     *
     * @param policy the policy to apply
     * @return the {@code $policy} parameter
     */
    public static Map<String, Object> cypherParameter(RewardPolicy policy) {
        List<Map<String, Object>> tiers = policy.tiers().stream()
                .map(tier -> Map.<String, Object>of(
                        "level", tier.level(),
                        "minDirect", tier.minDirect(),
                        "minScoreBps", tier.minScoreBps(),
                        "rateBps", tier.rateBps()))
                .toList();
        return Map.of(
                "weights",
                policy.levelWeightBps()
                        .subList(
                                0,
                                Math.min(
                                        policy.maxDepth(),
                                        policy.levelWeightBps().size())),
                "tiers",
                tiers,
                "version",
                policy.version());
    }

    /** Tiers are ascending, so the last one whose thresholds are met is the highest reached. */
    static Tier tierFor(List<Tier> tiers, long scoreBps, long direct) {
        Tier reached = tiers.getFirst();
        for (Tier tier : tiers) {
            if (tier.minScoreBps() <= scoreBps && tier.minDirect() <= direct) {
                reached = tier;
            }
        }
        return reached;
    }
}
