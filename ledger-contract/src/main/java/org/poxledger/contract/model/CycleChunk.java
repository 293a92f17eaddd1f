package org.poxledger.contract.model;

import java.util.List;

/**
 * The value of a {@code cycle-chunk~cycleId~<chunk index, 6 digits>} key: what one {@code PayRewardChunk} recorded
 * for its chunk of the cycle. It is at once the chunk's idempotency key (a chunk is recorded once; sent again with the
 * same entries it is skipped, with other entries refused), the record of its PAID entries (a HELD entry also gets a
 * {@code reward~cycleId~memberId} key of its own, which its release or forfeit rewrites), and its Merkle leaves for
 * {@code rewards:SealCycle}, which reads one such key per chunk.
 *
 * @param entries the chunk's entries as sent, each one a member inside the chunk's range of the cycle's chunk starts
 * @param recordedTxId the transaction that recorded them
 */
public record CycleChunk(List<RewardLine> entries, String recordedTxId) {

    public CycleChunk {
        entries = List.copyOf(entries);
    }
}
