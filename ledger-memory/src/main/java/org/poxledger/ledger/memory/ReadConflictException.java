package org.poxledger.ledger.memory;

/**
 * Commit-time validation failed the way a Fabric peer would fail it: a key the transaction read, or the result of a
 * range query it ran, changed between its simulation and its commit. The embedded ledger runs its transactions one at
 * a time and never sees this; it happens when a test holds several {@link InMemoryChaincodeStub}s open at once, which
 * is how a test proves that concurrent transactions (for example many credits to one member) do not conflict.
 */
public final class ReadConflictException extends RuntimeException {

    private final String validationCode;
    private final String transactionId;

    ReadConflictException(final String validationCode, final String transactionId, final String message) {
        super(message);
        this.validationCode = validationCode;
        this.transactionId = transactionId;
    }

    /** @return Fabric's validation code: {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT} */
    public String validationCode() {
        return validationCode;
    }

    /** @return the transaction that failed validation */
    public String transactionId() {
        return transactionId;
    }
}
