package org.poxledger.ledger;

import java.nio.charset.StandardCharsets;

/**
 * A chaincode event of a committed, valid transaction.
 *
 * @param blockNumber block holding the transaction
 * @param transactionId the transaction that emitted the event
 * @param name event name, for example {@code MemberRegistered}
 * @param payload event body (JSON)
 */
public record LedgerEvent(long blockNumber, String transactionId, String name, byte[] payload) {

    /** @return the payload decoded as UTF-8 text */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
