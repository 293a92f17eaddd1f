package org.poxledger.contract.model;

/**
 * A reward cycle, recorded by its first chunk and totalled by every chunk, release and forfeit.
 *
 * @param cycleEnd end of the covered interval (exclusive), epoch milliseconds
 * @param cycleId the cycle id
 * @param cycleStart start of the covered interval (inclusive), epoch milliseconds
 * @param entryCount entries in the whole cycle
 * @param entriesRecorded entries recorded so far (paid or held)
 * @param merkleRoot hex SHA-256 Merkle root of all the cycle's entries
 * @param policyVersion the policy the cycle was computed with
 * @param totalForfeited held amounts forfeited
 * @param totalHeld amounts still held
 * @param totalPaid amounts paid by chunks
 * @param totalReleased held amounts released (and credited)
 */
public record Cycle(
        long cycleEnd,
        String cycleId,
        long cycleStart,
        int entryCount,
        int entriesRecorded,
        String merkleRoot,
        int policyVersion,
        long totalForfeited,
        long totalHeld,
        long totalPaid,
        long totalReleased) {

    /**
     * @param recorded entries this chunk records
     * @param paid amount this chunk credits
     * @param held amount this chunk holds
     * @return the cycle after the chunk
     * @throws ArithmeticException on overflow
     */
    public Cycle afterChunk(final int recorded, final long paid, final long held) {
        return new Cycle(
                cycleEnd,
                cycleId,
                cycleStart,
                entryCount,
                Math.addExact(entriesRecorded, recorded),
                merkleRoot,
                policyVersion,
                totalForfeited,
                Math.addExact(totalHeld, held),
                Math.addExact(totalPaid, paid),
                totalReleased);
    }

    /**
     * @param amount the released hold
     * @return the cycle after the release
     * @throws ArithmeticException on overflow
     */
    public Cycle afterRelease(final long amount) {
        return new Cycle(
                cycleEnd,
                cycleId,
                cycleStart,
                entryCount,
                entriesRecorded,
                merkleRoot,
                policyVersion,
                totalForfeited,
                Math.subtractExact(totalHeld, amount),
                totalPaid,
                Math.addExact(totalReleased, amount));
    }

    /**
     * @param amount the forfeited hold
     * @return the cycle after the forfeit
     * @throws ArithmeticException on overflow
     */
    public Cycle afterForfeit(final long amount) {
        return new Cycle(
                cycleEnd,
                cycleId,
                cycleStart,
                entryCount,
                entriesRecorded,
                merkleRoot,
                policyVersion,
                Math.addExact(totalForfeited, amount),
                Math.subtractExact(totalHeld, amount),
                totalPaid,
                totalReleased);
    }
}
