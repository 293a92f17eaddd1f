package org.poxledger.ledger;

import java.nio.charset.StandardCharsets;

/**
 * A committed transaction.
 *
 * @param transactionId the ledger's transaction id
 * @param blockNumber the block that holds the transaction
 * @param payload the chaincode's response (JSON for every PoX transaction)
 */
public record LedgerResult(String transactionId, long blockNumber, byte[] payload) {

    /** @return the payload decoded as UTF-8 text */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
