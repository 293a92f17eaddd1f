package org.poxledger.ledger.memory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.poxledger.ledger.LedgerEvent;

/**
 * A transaction as the embedded ledger committed it: one transaction per block, its write set sorted by key, and its
 * chaincode event if it set one. This is also what the journal stores, one line per transaction.
 *
 * @param txId the transaction id
 * @param blockNumber the block that holds it (the first transaction is block 1; block 0 is Fabric's genesis block)
 * @param timestamp the transaction timestamp the chaincode saw
 * @param writes the write set, in key order
 * @param event the chaincode event, when the transaction set one
 */
public record CommittedTransaction(
        String txId, long blockNumber, Instant timestamp, List<StateWrite> writes, Optional<LedgerEvent> event) {

    public CommittedTransaction {
        writes = List.copyOf(writes);
    }
}
