package org.poxledger.contract.model;

import java.util.List;

/**
 * The value of a {@code cycle-leaves~cycleId~txId} key: the Merkle leaves of the entries one {@code PayRewardChunk}
 * transaction recorded, written blind beside its {@link CycleDelta}. Each entry is recorded by exactly one
 * transaction, so a cycle's leaf batches together hold every leaf once; {@code rewards:SealCycle} sorts them by member
 * id and recomputes the cycle's root from them, reading one key per chunk instead of every entry.
 *
 * @param amount the recorded entries' amounts added up
 * @param leafHashes the entries' leaf hashes ({@code RewardMerkle.leafHash}), 32 bytes each, concatenated in the order
 *     of {@code memberIds}, base64 (standard alphabet, padded)
 * @param memberIds the members whose entries the transaction recorded
 */
public record CycleLeaves(long amount, String leafHashes, List<String> memberIds) {

    public CycleLeaves {
        memberIds = List.copyOf(memberIds);
    }
}
