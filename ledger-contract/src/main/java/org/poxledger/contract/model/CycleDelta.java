package org.poxledger.contract.model;

/**
 * The value of a {@code cycle-delta~cycleId~txId} key: what one transaction added to a cycle's totals. Chunks, releases
 * and forfeits write their own delta blind instead of rewriting the cycle, so the chunks of one cycle never read or
 * write a key another chunk writes and can be endorsed in parallel; {@code rewards:GetCycle} adds them up and
 * {@code rewards:SealCycle} folds them into the cycle.
 *
 * @param entriesRecorded entries recorded by the transaction
 * @param forfeited held amounts forfeited
 * @param held amounts recorded HELD (negative for a release or forfeit)
 * @param paid amounts credited by a chunk
 * @param released held amounts released
 */
public record CycleDelta(int entriesRecorded, long forfeited, long held, long paid, long released) {

    /** @return the delta of a chunk */
    public static CycleDelta ofChunk(final int recorded, final long paid, final long held) {
        return new CycleDelta(recorded, 0, held, paid, 0);
    }

    /** @return the delta of a released hold */
    public static CycleDelta ofRelease(final long amount) {
        return new CycleDelta(0, 0, -amount, 0, amount);
    }

    /** @return the delta of a forfeited hold */
    public static CycleDelta ofForfeit(final long amount) {
        return new CycleDelta(0, amount, -amount, 0, 0);
    }
}
