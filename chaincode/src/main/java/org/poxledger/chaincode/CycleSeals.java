package org.poxledger.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;

/**
 * The closing check of a cycle (DESIGN §6): since parallel chunks cannot read each other's work, what one chunk alone
 * cannot see is checked once at the end: the entry count, the Merkle root recomputed from the recorded entries' leaves
 * in member-id order, and the totals against the entries' amounts.
 *
 * <p>The leaves are hashed from the recorded chunks ({@link CycleChunks}), one key per chunk: a 100k-entry cycle paid in
 * chunks of 500 is read as 200 keys, far inside the peer's {@code ledger.state.totalQueryLimit}. The chunk keys stay
 * (they record the PAID entries and keep a replayed chunk from paying again). Releases and forfeits change an entry's
 * status, never its leaf.
 */
final class CycleSeals {

    static final String CYCLE_SEALED = "CycleSealed";

    private CycleSeals() {}

    static Optional<CycleSeal> find(final ChaincodeStub stub, final String cycleId) {
        final byte[] state = stub.getState(LedgerKeys.cycleSeal(stub, cycleId));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, CycleSeal.class));
    }

    /**
     * Checks the cycle, folds its deltas and the pending supply credits, stores the seal and announces it.
     *
     * @param stub the transaction's stub
     * @param stored the cycle as its key holds it, not sealed yet
     * @return the seal
     */
    static CycleSeal seal(final ChaincodeStub stub, final Cycle stored) {
        final String cycleId = stored.cycleId();
        final CycleChunks.Leaves leaves = CycleChunks.read(stub, cycleId);
        final int recorded = leaves.hashes().length;
        if (recorded < stored.entryCount()) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_INCOMPLETE,
                    "cycle %s declares %d entries but %d are recorded",
                    cycleId,
                    stored.entryCount(),
                    recorded);
        }
        if (recorded > stored.entryCount()) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "cycle %s declares %d entries but %d are recorded",
                    cycleId,
                    stored.entryCount(),
                    recorded);
        }
        final String root = RewardMerkle.root(leaves.hashes());
        if (!root.equals(stored.merkleRoot())) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "the recorded entries of cycle %s have the Merkle root %s, not the declared %s",
                    cycleId,
                    root,
                    stored.merkleRoot());
        }
        final Cycle folded = CycleTotals.fold(stub, stored);
        requireEqual(folded, recorded, leaves.amount());
        Supply.fold(stub);

        final CycleSeal seal = new CycleSeal(
                cycleId, recorded, root, stub.getTxTimestamp().toEpochMilli(), stub.getTxId(), leaves.amount());
        stub.putState(LedgerKeys.cycleSeal(stub, cycleId), LedgerJson.bytes(seal));
        stub.setEvent(CYCLE_SEALED, LedgerJson.bytes(seal));
        return seal;
    }

    /** The deltas and the chunk keys are written by the same transactions, so a difference is corrupt state. */
    private static void requireEqual(final Cycle cycle, final int entries, final long amount) {
        final long totals;
        try {
            totals = cycle.totalRecorded();
        } catch (ArithmeticException e) {
            throw LedgerRefusal.of(
                    ErrorCode.AMOUNT_OVERFLOW,
                    "the totals of cycle %s add up beyond %d",
                    cycle.cycleId(),
                    Long.MAX_VALUE);
        }
        if (cycle.entriesRecorded() != entries || totals != amount) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "cycle %s totals %d entries and %d units but its recorded entries are %d adding up to %d",
                    cycle.cycleId(),
                    cycle.entriesRecorded(),
                    totals,
                    entries,
                    amount);
        }
    }
}
