package org.poxledger.platform.level;

import java.util.Map;
import org.poxledger.levels.LevelRule;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.policy.RewardPolicy;

/**
 * DESIGN §5 under a {@link RewardPolicy}: {@code score = Σ_d levelWeightBps[d] × n_d}, and the level is the highest
 * tier whose score and direct thresholds are both met. The arithmetic itself is {@link LevelRule}'s, shared with the
 * database procedure that recomputes a whole tree.
 */
public final class WeightedLevelCalculator {

    private WeightedLevelCalculator() {}

    /** @return the level rule of this policy: its first {@code maxDepth} weights and its tiers */
    public static LevelRule ruleOf(RewardPolicy policy) {
        return LevelRule.of(policy.version(), policy.maxDepth(), policy.levelWeightBps(), policy.tiers());
    }

    /**
     * @param policy the policy to apply
     * @param countsByDepth n_1..n_k, registered members exactly d steps below (index d-1); depths past
     *     {@code policy.maxDepth()} are ignored, missing ones count as zero
     * @return score, level and rate
     */
    public static MemberLevel levelOf(RewardPolicy policy, long[] countsByDepth) {
        // straight from the policy's lists: callers level every member of a cycle or a preview under one policy
        return LevelRule.levelOf(policy.levelWeightBps(), policy.maxDepth(), policy.tiers(), countsByDepth);
    }

    /** @return the weighted score in basis points */
    public static long scoreBps(RewardPolicy policy, long[] countsByDepth) {
        return LevelRule.scoreBps(policy.levelWeightBps(), policy.maxDepth(), countsByDepth);
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
        return ruleOf(policy).parameter();
    }
}
