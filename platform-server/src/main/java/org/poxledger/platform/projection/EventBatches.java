package org.poxledger.platform.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

/**
 * Cuts a blocking event stream into batches: {@link #next()} waits for one event, then takes every event already read
 * up to the batch size. So a catching-up reader gets full batches (one graph transaction per batch), and a reader that
 * keeps up gets each event as soon as it commits, alone or with whatever committed meanwhile.
 *
 * <p>The stream's {@code hasNext()} blocks and cannot be asked "is one ready?", so a reader thread drains it into a
 * bounded queue (at most two batches ahead: memory stays bounded however far behind the projection is). Closing
 * this closes the stream, which ends the reader.
 */
final class EventBatches implements AutoCloseable {

    private static final Object END = new Object();

    private final LedgerEventStream events;
    private final int batchSize;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private boolean ended;

    /** A failure of the stream, handed to the consumer in order after the events read before it. */
    private record Failure(RuntimeException error) {}

    EventBatches(LedgerEventStream events, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.events = events;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(2 * batchSize + 1);
        this.reader = Thread.ofVirtual().name("pox-event-reader").start(this::read);
    }

    /**
     * @return the next events in stream order, at least one; empty once the stream has ended or was closed
     * @throws RuntimeException what the stream threw, after every event read before it was handed out
     * @throws InterruptedException when interrupted while waiting
     */
    List<LedgerEvent> next() throws InterruptedException {
        if (ended) {
            return List.of();
        }
        List<Object> taken = new ArrayList<>(batchSize);
        taken.add(queue.take());
        queue.drainTo(taken, batchSize - 1);
        List<LedgerEvent> batch = new ArrayList<>(taken.size());
        for (Object item : taken) {
            if (item instanceof LedgerEvent event) {
                batch.add(event);
            } else if (item instanceof Failure failure && !batch.isEmpty()) {
                queue.add(failure); // the reader has stopped, so there is room: thrown on the next call
                break;
            } else {
                ended = true;
                if (item instanceof Failure failure) {
                    throw failure.error();
                }
                break;
            }
        }
        return batch;
    }

    private void read() {
        Object last = END;
        try {
            while (events.hasNext()) {
                queue.put(events.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            last = new Failure(e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        events.close();
        reader.interrupt();
    }
}
