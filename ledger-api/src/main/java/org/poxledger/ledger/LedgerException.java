package org.poxledger.ledger;

import java.util.Optional;
import org.poxledger.contract.ErrorCode;

/**
 * A transaction the ledger refused or could not complete. {@link #code()} is the chaincode's stable error code (for
 * example {@code INSUFFICIENT_FUNDS}) or one of the transport codes below.
 */
public class LedgerException extends RuntimeException {

    /** The ledger could not be reached or did not answer in time. */
    public static final String LEDGER_UNAVAILABLE = ErrorCode.LEDGER_UNAVAILABLE.name();

    /** The transaction was ordered but failed validation for a reason other than a read conflict. */
    public static final String COMMIT_FAILED = ErrorCode.COMMIT_FAILED.name();

    /**
     * The transaction was ordered but invalidated because a key or range it read changed before it committed (Fabric's
     * {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}). Nothing of it was written, so submitting it again,
     * freshly endorsed on the new state, is always safe.
     */
    public static final String READ_CONFLICT = ErrorCode.READ_CONFLICT.name();

    /** The chaincode failed without one of its own error codes. */
    public static final String CHAINCODE_ERROR = ErrorCode.CHAINCODE_ERROR.name();

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

    /** @return whether the ledger refused the transaction only because its reads went stale: retrying is safe */
    public boolean isReadConflict() {
        return READ_CONFLICT.equals(code);
    }

    /** @return the ledger transaction id, when the transaction got one */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
