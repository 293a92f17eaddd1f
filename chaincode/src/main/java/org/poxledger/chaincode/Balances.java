package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.StoredAmount;

/**
 * Member balances as the high-throughput pattern of fabric-samples keeps them (DESIGN §7): a folded balance key plus
 * one credit key per crediting transaction.
 *
 * <ul>
 *   <li>A credit is a blind write of {@code credit~member~txId}: it reads nothing, so any number of concurrent
 *       payments to one member commit without MVCC read conflicts.
 *   <li>A debit reads the balance key and the member's credit range, folds them into the balance key and deletes the
 *       credits. Two concurrent debits of one payer both read that key, so one fails validation and is retried by
 *       the client: a payer can never be overdrawn.
 * </ul>
 *
 * A transaction must credit one member at most once, since a second blind write of the same credit key would replace
 * the first; every caller guarantees that (self-transfers and duplicate chunk members are refused).
 */
final class Balances {

    private Balances() {}

    /**
     * @param stub the transaction's stub
     * @param memberId the payee
     * @param amount positive minor units
     */
    static void credit(final ChaincodeStub stub, final String memberId, final long amount) {
        stub.putState(LedgerKeys.credit(stub, memberId, stub.getTxId()), LedgerJson.bytes(new StoredAmount(amount)));
    }

    /**
     * @param stub the transaction's stub
     * @param memberId the payer
     * @param amount positive minor units
     * @throws org.hyperledger.fabric.shim.ChaincodeException INSUFFICIENT_FUNDS, AMOUNT_OVERFLOW
     */
    static void debit(final ChaincodeStub stub, final String memberId, final long amount) {
        final String balanceKey = LedgerKeys.balance(stub, memberId);
        long available = folded(stub.getState(balanceKey));
        final List<String> creditKeys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> credits =
                stub.getStateByPartialCompositeKey(LedgerKeys.creditsOf(stub, memberId))) {
            for (final KeyValue credit : credits) {
                available = add(
                        available,
                        LedgerJson.read(credit.getValue(), StoredAmount.class).amount(),
                        memberId);
                creditKeys.add(credit.getKey());
            }
        }
        if (available < amount) {
            throw LedgerRefusal.of(
                    ErrorCode.INSUFFICIENT_FUNDS,
                    "member %s has a balance of %d, less than the %d to pay",
                    memberId,
                    available,
                    amount);
        }
        stub.putState(balanceKey, LedgerJson.bytes(new StoredAmount(available - amount)));
        creditKeys.forEach(stub::delState);
    }

    /**
     * @param stub the transaction's stub
     * @param memberId the member
     * @return the balance key plus every pending credit
     * @throws org.hyperledger.fabric.shim.ChaincodeException AMOUNT_OVERFLOW
     */
    static long balanceOf(final ChaincodeStub stub, final String memberId) {
        long balance = folded(stub.getState(LedgerKeys.balance(stub, memberId)));
        try (QueryResultsIterator<KeyValue> credits =
                stub.getStateByPartialCompositeKey(LedgerKeys.creditsOf(stub, memberId))) {
            for (final KeyValue credit : credits) {
                balance = add(
                        balance,
                        LedgerJson.read(credit.getValue(), StoredAmount.class).amount(),
                        memberId);
            }
        }
        return balance;
    }

    private static long folded(final byte[] state) {
        return state == null || state.length == 0
                ? 0
                : LedgerJson.read(state, StoredAmount.class).amount();
    }

    private static long add(final long balance, final long credit, final String memberId) {
        try {
            return Math.addExact(balance, credit);
        } catch (ArithmeticException e) {
            throw LedgerRefusal.of(
                    ErrorCode.AMOUNT_OVERFLOW, "the balance of member %s would exceed %d", memberId, Long.MAX_VALUE);
        }
    }
}
