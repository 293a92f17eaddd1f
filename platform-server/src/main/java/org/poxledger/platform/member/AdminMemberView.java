package org.poxledger.platform.member;

import java.util.List;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.level.MemberStanding;

/**
 * A member as an admin looks at it: the graph's facts, the standing under the current policy and the ledger balance.
 *
 * @param memberId opaque id
 * @param status current status
 * @param recommenderId recommender, {@code null} for a genesis member
 * @param registeredAt epoch milliseconds
 * @param displayName display name, {@code null} if erased or unknown
 * @param account {@code network:handle}, {@code null} if erased or unknown
 * @param email e-mail, {@code null} if none
 * @param policyVersion the policy the level, score and rate are computed under
 * @param counts n_1..n_maxDepth of that policy
 * @param scoreBps weighted score, basis points
 * @param level current level
 * @param rateBps that level's reward rate, basis points
 * @param balance spendable minor units on the ledger
 */
public record AdminMemberView(
        String memberId,
        MemberStatus status,
        String recommenderId,
        long registeredAt,
        String displayName,
        String account,
        String email,
        int policyVersion,
        List<Long> counts,
        long scoreBps,
        int level,
        int rateBps,
        long balance) {

    static AdminMemberView of(MemberView member, MemberStanding standing, long balance) {
        return new AdminMemberView(
                member.memberId(),
                member.status(),
                member.recommenderId(),
                member.registeredAt(),
                member.displayName(),
                member.account(),
                member.email(),
                standing.policyVersion(),
                standing.countsByDepth(),
                standing.scoreBps(),
                standing.level(),
                standing.rateBps(),
                balance);
    }
}
