package org.poxledger.ledger.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

/** The chaincode events of committed transactions in commit order, with blocking readers. */
final class EventLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<LedgerEvent> events = new ArrayList<>();
    private boolean closed;

    void append(final LedgerEvent event) {
        lock.lock();
        try {
            events.add(event);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<LedgerEvent> snapshot() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    LedgerEventStream stream(final long startBlock) {
        if (startBlock < 0) {
            throw new IllegalArgumentException("startBlock must be 0 or more, got " + startBlock);
        }
        return new EventLogStream(this, firstIndexAtOrAfter(startBlock));
    }

    /** Ends every stream's wait; streams return what is already logged and then report no more events. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the event at {@code index} exists.
     *
     * @return the event, or {@code null} when the log or the waiting stream was closed first
     */
    LedgerEvent await(final int index, final EventLogStream stream) throws InterruptedException {
        lock.lock();
        try {
            while (index >= events.size()) {
                if (closed || stream.isClosed()) {
                    return null;
                }
                changed.await();
            }
            return events.get(index);
        } finally {
            lock.unlock();
        }
    }

    void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int firstIndexAtOrAfter(final long block) {
        lock.lock();
        try {
            int low = 0;
            int high = events.size();
            while (low < high) {
                final int middle = (low + high) >>> 1;
                if (events.get(middle).blockNumber() < block) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        } finally {
            lock.unlock();
        }
    }
}
