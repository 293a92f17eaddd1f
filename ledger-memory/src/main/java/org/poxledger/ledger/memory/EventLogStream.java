package org.poxledger.ledger.memory;

import java.util.NoSuchElementException;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

/**
 * A reader of the {@link EventLog}. {@link #hasNext()} blocks until the next event is committed; {@link #close()} from
 * any thread ends the wait. An interrupted reader stops as if closed and keeps its interrupt flag.
 */
final class EventLogStream implements LedgerEventStream {

    private final EventLog log;
    private int nextIndex;
    private LedgerEvent pending;
    private volatile boolean closed;

    EventLogStream(final EventLog log, final int firstIndex) {
        this.log = log;
        this.nextIndex = firstIndex;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (pending != null) {
            return true;
        }
        try {
            pending = log.await(nextIndex, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return false;
        }
        return pending != null;
    }

    @Override
    public LedgerEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the event stream is closed");
        }
        final LedgerEvent event = pending;
        pending = null;
        nextIndex++;
        return event;
    }

    @Override
    public void close() {
        closed = true;
        log.wakeWaiters();
    }

    boolean isClosed() {
        return closed;
    }
}
