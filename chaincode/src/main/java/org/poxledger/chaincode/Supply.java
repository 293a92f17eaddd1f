package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.StoredAmount;
import org.poxledger.contract.model.TotalSupply;

/**
 * The total supply the way {@link Balances} keeps a balance: the folded {@code total-supply} key plus one blind
 * {@code supply-credit~txId} per minting transaction. Minting reads nothing, so the chunks of a cycle (and releases)
 * endorsed at the same time never conflict over the supply; only the fold, done by {@code rewards:SealCycle}, reads
 * the credits, and it is the one that retries if a chunk of another cycle commits a credit meanwhile.
 */
final class Supply {

    private Supply() {}

    /**
     * @param stub the transaction's stub
     * @param amount minor units minted by this transaction, zero or more
     */
    static void mint(final ChaincodeStub stub, final long amount) {
        if (amount > 0) {
            stub.putState(LedgerKeys.supplyCredit(stub, stub.getTxId()), LedgerJson.bytes(new StoredAmount(amount)));
        }
    }

    /**
     * @param stub the transaction's stub
     * @return the folded supply plus every pending credit
     */
    static long total(final ChaincodeStub stub) {
        long total = folded(stub);
        try (QueryResultsIterator<KeyValue> credits =
                stub.getStateByPartialCompositeKey(LedgerKeys.supplyCredits(stub))) {
            for (final KeyValue credit : credits) {
                total = add(
                        total,
                        LedgerJson.read(credit.getValue(), StoredAmount.class).amount());
            }
        }
        return total;
    }

    /**
     * Adds every pending credit into the folded key and deletes the credits: the sum stays what it was.
     *
     * @param stub the transaction's stub
     */
    static void fold(final ChaincodeStub stub) {
        long total = folded(stub);
        final List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> credits =
                stub.getStateByPartialCompositeKey(LedgerKeys.supplyCredits(stub))) {
            for (final KeyValue credit : credits) {
                total = add(
                        total,
                        LedgerJson.read(credit.getValue(), StoredAmount.class).amount());
                keys.add(credit.getKey());
            }
        }
        if (!keys.isEmpty()) {
            stub.putState(LedgerKeys.TOTAL_SUPPLY, LedgerJson.bytes(new TotalSupply(total)));
            keys.forEach(stub::delState);
        }
    }

    private static long folded(final ChaincodeStub stub) {
        final byte[] state = stub.getState(LedgerKeys.TOTAL_SUPPLY);
        return state == null || state.length == 0
                ? 0
                : LedgerJson.read(state, TotalSupply.class).totalSupply();
    }

    /** Every balance is at most the supply, so keeping this sum exact keeps every balance from overflowing too. */
    private static long add(final long total, final long amount) {
        try {
            return Math.addExact(total, amount);
        } catch (ArithmeticException e) {
            throw LedgerRefusal.of(ErrorCode.AMOUNT_OVERFLOW, "the total supply would exceed %d", Long.MAX_VALUE);
        }
    }
}
