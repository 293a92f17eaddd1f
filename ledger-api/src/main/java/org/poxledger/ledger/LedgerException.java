package org.poxledger.ledger;

import java.util.Optional;

/**
 * A transaction the ledger refused or could not complete. {@link #code()} is the chaincode's stable error code (for
 * example {@code INSUFFICIENT_FUNDS}) or one of the transport codes below.
 */
public class LedgerException extends RuntimeException {

    /** The ledger could not be reached or did not answer in time. */
    public static final String LEDGER_UNAVAILABLE = "LEDGER_UNAVAILABLE";

    /** The transaction was ordered but failed validation (for example an MVCC read conflict). */
    public static final String COMMIT_FAILED = "COMMIT_FAILED";

    /** The chaincode failed without one of its own error codes. */
    public static final String CHAINCODE_ERROR = "CHAINCODE_ERROR";

    private final String code;
    private final String transactionId;

    public LedgerException(String code, String message, String transactionId, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.transactionId = transactionId;
    }

    public LedgerException(String code, String message, String transactionId) {
        this(code, message, transactionId, null);
    }

    /** @return the stable error code */
    public String code() {
        return code;
    }

    /** @return the ledger transaction id, when the transaction got one */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
