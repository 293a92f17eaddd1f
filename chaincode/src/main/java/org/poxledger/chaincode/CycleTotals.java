package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleDelta;

/**
 * A cycle's totals as hot-key-safe deltas: the cycle key is written once by the first chunk, and every later chunk,
 * release and forfeit writes a {@code cycle-delta~cycleId~txId} of its own without reading the others. Readers add
 * them up; {@code rewards:SealCycle} folds them into the cycle key. A transaction writes at most one delta per cycle.
 */
final class CycleTotals {

    private CycleTotals() {}

    /**
     * @param stub the transaction's stub
     * @param cycleId the cycle
     * @param delta what this transaction adds
     */
    static void record(final ChaincodeStub stub, final String cycleId, final CycleDelta delta) {
        stub.putState(LedgerKeys.cycleDelta(stub, cycleId, stub.getTxId()), LedgerJson.bytes(delta));
    }

    /**
     * @param stub the transaction's stub
     * @param stored the cycle as its key holds it
     * @return the cycle with every pending delta added
     */
    static Cycle current(final ChaincodeStub stub, final Cycle stored) {
        return sum(stub, stored, new ArrayList<>());
    }

    /**
     * Adds the pending deltas into the cycle key and deletes them.
     *
     * @param stub the transaction's stub
     * @param stored the cycle as its key holds it
     * @return the folded cycle, now stored
     */
    static Cycle fold(final ChaincodeStub stub, final Cycle stored) {
        final List<String> keys = new ArrayList<>();
        final Cycle folded = sum(stub, stored, keys);
        stub.putState(LedgerKeys.cycle(stub, stored.cycleId()), LedgerJson.bytes(folded));
        keys.forEach(stub::delState);
        return folded;
    }

    private static Cycle sum(final ChaincodeStub stub, final Cycle stored, final List<String> keys) {
        Cycle cycle = stored;
        try (QueryResultsIterator<KeyValue> deltas =
                stub.getStateByPartialCompositeKey(LedgerKeys.cycleDeltasOf(stub, stored.cycleId()))) {
            for (final KeyValue delta : deltas) {
                try {
                    cycle = cycle.plus(LedgerJson.read(delta.getValue(), CycleDelta.class));
                } catch (ArithmeticException e) {
                    throw LedgerRefusal.of(
                            ErrorCode.AMOUNT_OVERFLOW, "the totals of cycle %s would overflow", stored.cycleId());
                }
                keys.add(delta.getKey());
            }
        }
        return cycle;
    }
}
