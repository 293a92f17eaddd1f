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
 * @param entries this chunk's entries, each of a member inside the chunk's range
 * @param chunkIndex which chunk of the cycle this is, 0 to {@code chunkStarts.size() - 1}
 * @param chunkStarts how the cycle is cut into chunks, the same in every chunk of it: chunk k holds the members from
 *     {@code chunkStarts[k]} (inclusive) up to {@code chunkStarts[k + 1]} (exclusive) in member-id order; the first is
 *     "" and the others strictly increase, so no member can be in two chunks
 */
public record RewardChunk(
        String cycleId,
        int policyVersion,
        String merkleRoot,
        long cycleStart,
        long cycleEnd,
        int entryCount,
        List<RewardLine> entries,
        int chunkIndex,
        List<String> chunkStarts) {

    public RewardChunk {
        entries = List.copyOf(entries);
        chunkStarts = List.copyOf(chunkStarts);
    }
}
