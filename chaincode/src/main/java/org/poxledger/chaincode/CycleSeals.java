package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;
import org.poxledger.contract.model.RewardChunk;
import org.poxledger.contract.model.RewardEntry;

/**
 * The closing check of a cycle (DESIGN §6): since parallel chunks cannot read each other's work, what one chunk alone
 * cannot see is checked once at the end, over everything recorded: the entry count, the Merkle root recomputed from
 * the recorded entries in key order (member-id order, the leaf order), and the totals against the entries' amounts.
 *
 * <p>The entries are read with one range query: on Fabric the peer's {@code ledger.state.totalQueryLimit} (100,000 by
 * default) bounds it, so a larger cycle needs that limit raised, or it is refused as incomplete.
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
        final List<byte[]> leaves = new ArrayList<>();
        final Sums sums = new Sums();
        try (QueryResultsIterator<KeyValue> entries =
                stub.getStateByPartialCompositeKey(LedgerKeys.rewardsIn(stub, cycleId))) {
            for (final KeyValue stateEntry : entries) {
                final RewardEntry entry = LedgerJson.read(stateEntry.getValue(), RewardEntry.class);
                leaves.add(RewardMerkle.leafHash(new RewardChunk.Line(
                        entry.amount(),
                        entry.events(),
                        entry.level(),
                        entry.memberId(),
                        entry.rateBps(),
                        entry.scoreBps())));
                sums.add(entry, cycleId);
            }
        }
        if (leaves.size() < stored.entryCount()) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_INCOMPLETE,
                    "cycle %s declares %d entries but %d are recorded",
                    cycleId,
                    stored.entryCount(),
                    leaves.size());
        }
        if (leaves.size() > stored.entryCount()) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "cycle %s declares %d entries but %d are recorded",
                    cycleId,
                    stored.entryCount(),
                    leaves.size());
        }
        final String root = RewardMerkle.root(leaves.toArray(byte[][]::new));
        if (!root.equals(stored.merkleRoot())) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "the recorded entries of cycle %s have the Merkle root %s, not the declared %s",
                    cycleId,
                    root,
                    stored.merkleRoot());
        }
        final Cycle folded = CycleTotals.fold(stub, stored);
        sums.requireEqual(folded, leaves.size());
        Supply.fold(stub);

        final CycleSeal seal = new CycleSeal(
                cycleId, leaves.size(), root, stub.getTxTimestamp().toEpochMilli(), stub.getTxId(), sums.total());
        stub.putState(LedgerKeys.cycleSeal(stub, cycleId), LedgerJson.bytes(seal));
        stub.setEvent(CYCLE_SEALED, LedgerJson.bytes(seal));
        return seal;
    }

    /** The recorded entries' amounts by status. */
    private static final class Sums {
        private long paid;
        private long held;
        private long released;
        private long forfeited;

        void add(final RewardEntry entry, final String cycleId) {
            try {
                switch (entry.status()) {
                    case PAID -> paid = Math.addExact(paid, entry.amount());
                    case HELD -> held = Math.addExact(held, entry.amount());
                    case RELEASED -> released = Math.addExact(released, entry.amount());
                    case FORFEITED -> forfeited = Math.addExact(forfeited, entry.amount());
                }
            } catch (ArithmeticException e) {
                throw LedgerRefusal.of(
                        ErrorCode.AMOUNT_OVERFLOW, "the entries of cycle %s add up beyond %d", cycleId, Long.MAX_VALUE);
            }
        }

        long total() {
            return Math.addExact(Math.addExact(paid, held), Math.addExact(released, forfeited));
        }

        /** The deltas and the entries are written by the same transactions, so a difference is corrupt state. */
        void requireEqual(final Cycle cycle, final int entries) {
            if (cycle.entriesRecorded() != entries
                    || cycle.totalPaid() != paid
                    || cycle.totalHeld() != held
                    || cycle.totalReleased() != released
                    || cycle.totalForfeited() != forfeited) {
                throw LedgerRefusal.of(
                        ErrorCode.CYCLE_MISMATCH,
                        "cycle %s totals entries/paid/held/released/forfeited %d/%d/%d/%d/%d but its entries"
                                + " add up to %d/%d/%d/%d/%d",
                        cycle.cycleId(),
                        cycle.entriesRecorded(),
                        cycle.totalPaid(),
                        cycle.totalHeld(),
                        cycle.totalReleased(),
                        cycle.totalForfeited(),
                        entries,
                        paid,
                        held,
                        released,
                        forfeited);
            }
        }
    }
}
