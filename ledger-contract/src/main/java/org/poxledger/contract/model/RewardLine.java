package org.poxledger.contract.model;

/**
 * One member's reward in a cycle as a chunk of {@code rewards:PayRewardChunk} carries it: the six fields the
 * Merkle leaf hashes ({@code RewardMerkle}). The server plans, proves and shows entries in this one shape.
 *
 * @param amount minor units to mint
 * @param events expansion events
 * @param level level at the cycle's end
 * @param memberId the member
 * @param rateBps the level's rate
 * @param scoreBps the member's score
 */
public record RewardLine(long amount, long events, int level, String memberId, int rateBps, long scoreBps) {

    /**
     * @param recorded an entry as the ledger records it
     * @return the six fields of it a chunk carries and the Merkle leaf hashes
     */
    public static RewardLine of(final RewardEntry recorded) {
        return new RewardLine(
                recorded.amount(),
                recorded.events(),
                recorded.level(),
                recorded.memberId(),
                recorded.rateBps(),
                recorded.scoreBps());
    }
}
