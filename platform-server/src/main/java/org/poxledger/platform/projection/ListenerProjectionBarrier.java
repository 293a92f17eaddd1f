package org.poxledger.platform.projection;

import java.time.Duration;
import java.util.OptionalLong;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.reward.ProjectionBarrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The barrier as the running server keeps it: reads the ledger's newest block, finds the newest block up to it that
 * holds a chaincode event, and waits for the {@link ChaincodeEventListener} to apply that block. Blocks without events
 * of this chaincode need no waiting; a listener that is not running (disabled, or rebuild-graph mode) leaves the graph
 * to the server's own projections, so there is nothing to wait for.
 */
@Component
class ListenerProjectionBarrier implements ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ListenerProjectionBarrier.class);

    private final LedgerConnection ledger;
    private final ChaincodeEventListener listener;
    private final Duration timeout;

    ListenerProjectionBarrier(
            LedgerConnection ledger, ChaincodeEventListener listener, ProjectionProperties properties) {
        this.ledger = ledger;
        this.listener = listener;
        this.timeout = properties.catchUpTimeout();
    }

    @Override
    public void awaitCommitted() {
        if (!listener.isRunning()) {
            return;
        }
        long lastBlock = ledger.lastBlock();
        long applied = listener.appliedBlock();
        if (applied >= lastBlock) {
            return;
        }
        OptionalLong pending = ledger.lastEventBlock(applied + 1, lastBlock);
        if (pending.isEmpty()) {
            return;
        }
        log.info(
                "waiting for the projection to apply block {} (applied {}, ledger at {})",
                pending.getAsLong(),
                applied,
                lastBlock);
        boolean caughtUp;
        try {
            caughtUp = listener.awaitBlock(pending.getAsLong(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            caughtUp = false;
        }
        if (!caughtUp) {
            throw Refusal.of(
                    ErrorCode.PROJECTION_BEHIND,
                    "the graph has applied the ledger up to block " + listener.appliedBlock() + " of "
                            + pending.getAsLong() + " after " + timeout + "; try again once it has caught up");
        }
    }
}
