package org.poxledger.contract.model;

import java.util.List;

/**
 * A reward cycle. Its key holds what the first chunk recorded (and, once sealed, the folded totals); every chunk,
 * release and forfeit adds a {@link CycleDelta} of its own, and {@code rewards:GetCycle} answers the sum.
 *
 * @param chunkStarts how the cycle's entries are cut into chunks (see {@link RewardChunk#chunkStarts()})
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
        List<String> chunkStarts,
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

    public Cycle {
        // absent from a cycle recorded before chunks had fixed ranges: such a cycle takes no new chunk
        chunkStarts = chunkStarts == null ? List.of() : List.copyOf(chunkStarts);
    }

    /**
     * @param chunkStarts how the cycle's entries are cut into chunks
     * @param cycleEnd end of the covered interval (exclusive)
     * @param cycleId the cycle id
     * @param cycleStart start of the covered interval (inclusive)
     * @param entryCount entries in the whole cycle
     * @param merkleRoot root of all the cycle's entries
     * @param policyVersion the policy the cycle was computed with
     * @return the cycle as its first chunk records it, every total zero
     */
    public static Cycle opened(
            final List<String> chunkStarts,
            final long cycleEnd,
            final String cycleId,
            final long cycleStart,
            final int entryCount,
            final String merkleRoot,
            final int policyVersion) {
        return new Cycle(
                chunkStarts, cycleEnd, cycleId, cycleStart, entryCount, 0, merkleRoot, policyVersion, 0, 0, 0, 0);
    }

    /**
     * @param delta what one transaction added
     * @return the cycle with the delta added to its totals
     * @throws ArithmeticException on overflow
     */
    public Cycle plus(final CycleDelta delta) {
        return new Cycle(
                chunkStarts,
                cycleEnd,
                cycleId,
                cycleStart,
                entryCount,
                Math.addExact(entriesRecorded, delta.entriesRecorded()),
                merkleRoot,
                policyVersion,
                Math.addExact(totalForfeited, delta.forfeited()),
                Math.addExact(totalHeld, delta.held()),
                Math.addExact(totalPaid, delta.paid()),
                Math.addExact(totalReleased, delta.released()));
    }

    /**
     * @return paid, held, released and forfeited together: the sum of every recorded entry's amount
     * @throws ArithmeticException on overflow
     */
    public long totalRecorded() {
        return Math.addExact(Math.addExact(totalPaid, totalHeld), Math.addExact(totalReleased, totalForfeited));
    }
}
