package org.poxledger.contract.model;

import java.util.List;

/**
 * What one {@code PayRewardChunk} did, entries in chunk order.
 *
 * @param amountHeld amount recorded HELD by this chunk
 * @param amountPaid amount credited by this chunk
 * @param cycleId the cycle
 * @param held members whose entry was recorded HELD
 * @param paid members whose entry was recorded PAID
 * @param skipped members whose entry was already recorded
 */
public record ChunkReceipt(
        long amountHeld, long amountPaid, String cycleId, List<String> held, List<String> paid, List<String> skipped) {}
