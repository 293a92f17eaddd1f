package org.poxledger.platform.level;

import java.util.List;

/**
 * A member's standing under one policy (DESIGN §5) and what the next level needs.
 *
 * @param memberId the member
 * @param policyVersion the policy applied
 * @param countsByDepth n_1..n_D, D = the policy's maxDepth
 * @param scoreBps weighted score, basis points
 * @param level the level reached
 * @param rateBps that level's reward rate
 * @param direct direct recommendees (n_1)
 * @param nextLevel what the next level needs, {@code null} at the top level
 */
public record MemberStanding(
        String memberId,
        int policyVersion,
        List<Long> countsByDepth,
        long scoreBps,
        int level,
        int rateBps,
        long direct,
        NextLevel nextLevel) {

    /**
     * @param level the next level
     * @param minScoreBps its score threshold
     * @param minDirect its direct-recommendee threshold
     * @param rateBps its reward rate
     * @param missingScoreBps score still missing (0 if met)
     * @param missingDirect direct recommendees still missing (0 if met)
     */
    public record NextLevel(
            int level, long minScoreBps, long minDirect, int rateBps, long missingScoreBps, long missingDirect) {}
}
