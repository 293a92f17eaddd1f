package org.poxledger.contract.model;

import java.util.List;

/**
 * The parsed {@code chunkJson} argument of {@code rewards:PayRewardChunk}.
 *
 * @param cycleId the cycle
 * @param policyVersion the policy the cycle used
 * @param merkleRoot root over all the cycle's entries
 * @param cycleStart start of the interval (inclusive), epoch milliseconds
 * @param cycleEnd end of the interval (exclusive), epoch milliseconds
 * @param entryCount entries in the whole cycle
 * @param entries this chunk's entries
 */
public record RewardChunk(
        String cycleId,
        int policyVersion,
        String merkleRoot,
        long cycleStart,
        long cycleEnd,
        int entryCount,
        List<Line> entries) {

    public RewardChunk {
        entries = List.copyOf(entries);
    }

    /**
     * One entry of a chunk.
     *
     * @param amount minor units to mint
     * @param events expansion events
     * @param level level at the cycle's end
     * @param memberId the member
     * @param rateBps the level's rate
     * @param scoreBps the member's score
     */
    public record Line(long amount, long events, int level, String memberId, int rateBps, long scoreBps) {

        /**
         * @param recorded an entry as the ledger records it
         * @return the six fields of it a chunk carries and the Merkle leaf hashes
         */
        public static Line of(final RewardEntry recorded) {
            return new Line(
                    recorded.amount(),
                    recorded.events(),
                    recorded.level(),
                    recorded.memberId(),
                    recorded.rateBps(),
                    recorded.scoreBps());
        }
    }
}
