package org.poxledger.platform.reward;

/**
 * How far a cycle's payment got.
 *
 * @param cycleId the cycle
 * @param state payment state
 * @param chunksTotal chunks the cycle needs
 * @param chunksPending chunks with an entry the ledger has not recorded yet
 * @param entriesTotal entries of the cycle
 * @param entriesPlanned entries not yet recorded on-chain
 * @param entriesRecorded entries the graph knows as recorded on-chain (any status but PLANNED); for a cycle the graph
 *     learnt from the ledger only, not every declared entry is known, so this is not {@code total - planned}
 * @param entriesPaid entries paid (PAID)
 * @param entriesHeld entries still held (HELD)
 * @param amountTotal sum of all amounts
 * @param amountPaid sum credited by chunks (PAID)
 * @param amountHeld sum still held
 * @param amountReleased held sums released and credited
 * @param amountForfeited held sums forfeited
 * @param runnerOwner the instance paying it now, if any
 * @param lastError why the last run stopped early, if it did
 */
public record CycleProgress(
        String cycleId,
        CycleState state,
        int chunksTotal,
        int chunksPending,
        int entriesTotal,
        int entriesPlanned,
        int entriesRecorded,
        int entriesPaid,
        int entriesHeld,
        long amountTotal,
        long amountPaid,
        long amountHeld,
        long amountReleased,
        long amountForfeited,
        String runnerOwner,
        String lastError) {

    /** @return percentage of chunks recorded, 100 for an empty cycle */
    public int percentDone() {
        return chunksTotal == 0 ? 100 : (int) ((chunksTotal - chunksPending) * 100L / chunksTotal);
    }
}
