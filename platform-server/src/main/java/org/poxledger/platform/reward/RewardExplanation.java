package org.poxledger.platform.reward;

import java.util.List;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.wallet.Money;

/**
 * Why a member earned what they earned in a cycle, recomputed from the stored plan, the referral graph and the
 * cycle's policy version, so the member can check the arithmetic themselves.
 *
 * @param cycleId the cycle
 * @param cycleStart first registration time covered (inclusive)
 * @param cycleEnd end of the range (exclusive), the instant the level is taken at
 * @param policyVersion the policy the cycle used (public: {@code /api/v1/public/policy/versions/{v}})
 * @param memberId the member
 * @param status the entry's status (PLANNED until recorded on-chain)
 * @param txId the ledger transaction that recorded it, if any
 * @param entry the stored entry, exactly the Merkle leaf
 * @param level how the level came about: counts below the member as of the cycle's end
 * @param depths the cycle's registrations below the member, per depth, with the depth's payout share
 * @param baseRewardUnits the policy's base reward
 * @param weightedEventsBps Σ_d payoutShareBps[d] × new_d
 * @param formula the amount's computation written out
 * @param recomputedAmount the amount recomputed now
 * @param matchesEntry whether the recomputation reproduces the stored entry (amount, events, level, score)
 * @param amount the stored amount for display
 */
public record RewardExplanation(
        String cycleId,
        long cycleStart,
        long cycleEnd,
        int policyVersion,
        String memberId,
        RewardStatus status,
        String txId,
        RewardLine entry,
        Level level,
        List<Depth> depths,
        long baseRewardUnits,
        long weightedEventsBps,
        String formula,
        long recomputedAmount,
        boolean matchesEntry,
        Money amount) {

    /**
     * @param countsAtEnd n_1..n_D: members exactly d steps below, registered before the cycle's end
     * @param levelWeightBps the policy's weight per depth
     * @param scoreBps Σ_d levelWeightBps[d] × n_d
     * @param level the highest tier whose minScoreBps and minDirect are met
     * @param rateBps that tier's rate
     */
    public record Level(List<Long> countsAtEnd, List<Integer> levelWeightBps, long scoreBps, int level, int rateBps) {}

    /**
     * @param depth steps below the member
     * @param payoutShareBps the policy's share for that depth
     * @param registrations the cycle's new members at that depth
     */
    public record Depth(int depth, int payoutShareBps, List<Registration> registrations) {}

    /**
     * @param memberId the new member
     * @param registeredAt its ledger registration time
     */
    public record Registration(String memberId, long registeredAt) {}
}
