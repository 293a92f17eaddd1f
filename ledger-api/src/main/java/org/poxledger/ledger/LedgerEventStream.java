package org.poxledger.ledger;

import java.util.Iterator;

/**
 * A blocking, ordered stream of chaincode events. {@link #hasNext()} waits for the next committed event; closing the
 * stream (from any thread) ends the wait and makes {@code hasNext()} return {@code false}.
 */
public interface LedgerEventStream extends Iterator<LedgerEvent>, AutoCloseable {

    @Override
    void close();
}
