package org.poxledger.contract.model;

/**
 * The result of {@code rewards:SealCycle} and the payload of its {@code CycleSealed} event: the cycle's recorded
 * entries were counted, their Merkle root recomputed on-chain and their amounts added up, and all three agreed with
 * what the cycle declares and totals.
 *
 * @param cycleId the cycle
 * @param entryCount entries recorded, equal to the declared count
 * @param merkleRoot the root recomputed from the recorded entries, equal to the declared root
 * @param sealedAt transaction timestamp of the seal, epoch milliseconds
 * @param sealedTxId the sealing transaction
 * @param totalAmount the sum of all entries' amounts (paid, held, released and forfeited)
 */
public record CycleSeal(
        String cycleId, int entryCount, String merkleRoot, long sealedAt, String sealedTxId, long totalAmount) {}
