package org.poxledger.ledger.fabric;

import java.util.NoSuchElementException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Gateway's chaincode event iterator seen as a {@link LedgerEventStream}. */
final class FabricEventStream implements LedgerEventStream {

    private static final Logger log = LoggerFactory.getLogger(FabricEventStream.class);

    private final CloseableIterator<ChaincodeEvent> events;
    private final String chaincode;
    private volatile boolean closed;

    FabricEventStream(CloseableIterator<ChaincodeEvent> events, String chaincode) {
        this.events = events;
        this.chaincode = chaincode;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        try {
            return events.hasNext();
        } catch (GatewayRuntimeException e) {
            // close() from another thread cancels the call; the waiting hasNext() then fails with CANCELLED.
            if (closed) {
                return false;
            }
            GatewayFailure failure = new GatewayFailure(e.getStatus(), e.getDetails());
            log.warn("Chaincode event stream of {} failed: {}", chaincode, failure.describe());
            throw failure.toLedgerException("chaincode event stream of " + chaincode, null, e);
        }
    }

    @Override
    public LedgerEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Chaincode event stream of " + chaincode + " is closed or ended");
        }
        ChaincodeEvent event = events.next();
        return new LedgerEvent(
                event.getBlockNumber(), event.getTransactionId(), event.getEventName(), event.getPayload());
    }

    @Override
    public void close() {
        closed = true;
        events.close();
    }
}
