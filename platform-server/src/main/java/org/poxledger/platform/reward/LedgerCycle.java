package org.poxledger.platform.reward;

/**
 * A cycle as the ledger records it ({@code rewards:GetCycle}).
 *
 * @param cycleId the cycle
 * @param cycleStart start of the range (inclusive)
 * @param cycleEnd end of the range (exclusive)
 * @param entryCount entries of the whole cycle
 * @param entriesRecorded entries recorded so far
 * @param merkleRoot the recorded root
 * @param policyVersion the policy used
 * @param totalPaid amounts credited by chunks
 * @param totalHeld amounts still held
 * @param totalReleased held amounts released
 * @param totalForfeited held amounts forfeited
 */
public record LedgerCycle(
        String cycleId,
        long cycleStart,
        long cycleEnd,
        int entryCount,
        int entriesRecorded,
        String merkleRoot,
        int policyVersion,
        long totalPaid,
        long totalHeld,
        long totalReleased,
        long totalForfeited) {}
