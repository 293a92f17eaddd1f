package org.poxledger.platform.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the graph in step with the ledger (DESIGN §10): reads the chaincode events from the checkpoint on (block 0
 * the first time) on a background thread, hands them to the projections in batches of up to
 * {@code pox.projection.batch-size} (whatever has committed and not been applied yet; see {@link EventBatches}), and
 * stores the checkpoint (block number and transaction id of the batch's last event) after each batch. A crash between
 * a batch and its checkpoint applies that batch again at the restart, which changes nothing. The server is ready
 * while this catches up; {@link #progress()} tells how far it is. After a crash it resumes from the checkpoint; when the stream fails it reconnects
 * with exponential backoff. The server also projects its own writes right after they commit; the listener repairs
 * whatever that missed, and every projection write is idempotent, so doing both is safe.
 */
@Component
public class ChaincodeEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChaincodeEventListener.class);

    private final LedgerConnection ledger;
    private final LedgerEventDispatcher dispatcher;
    private final CheckpointRepository checkpoints;
    private final ProjectionProperties properties;
    private final Clock clock;
    private final boolean rebuildMode;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile LedgerEventStream stream;
    private long appliedBlock = -1;
    private long appliedEvents;
    private long startedAtMillis = -1;
    private long eventsAtStart;

    ChaincodeEventListener(
            LedgerConnection ledger,
            LedgerEventDispatcher dispatcher,
            CheckpointRepository checkpoints,
            ProjectionProperties properties,
            Clock clock,
            @Value("${pox.rebuild-graph:false}") boolean rebuildMode) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.clock = clock;
        this.rebuildMode = rebuildMode;
    }

    @Override
    public void start() {
        if (!properties.listenerEnabled() || rebuildMode) {
            log.info("chaincode-event listener not started ({})", rebuildMode ? "rebuild-graph mode" : "disabled");
            return;
        }
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            thread = Thread.ofPlatform().daemon().name("pox-chaincode-events").start(this::listen);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        Thread current;
        lock.lock();
        try {
            running = false;
            current = thread;
            thread = null;
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
        LedgerEventStream open = stream;
        if (open != null) {
            open.close();
        }
        if (current != null) {
            try {
                // closing the stream ends a waiting hasNext(); an event being applied is finished, not cut off
                if (!current.join(Duration.ofSeconds(10))) {
                    current.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Waits until an event of the given block or a later one has been applied by this listener.
     *
     * @return whether it happened within the timeout
     */
    public boolean awaitBlock(long blockNumber, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (appliedBlock < blockNumber) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progressed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return the newest block of which this listener applied an event, -1 before the first */
    public long appliedBlock() {
        lock.lock();
        try {
            return appliedBlock;
        } finally {
            lock.unlock();
        }
    }

    /** @return events applied by this listener since it was created */
    public long appliedEvents() {
        lock.lock();
        try {
            return appliedEvents;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How far the graph is behind the ledger: the block of the last event applied against the ledger's last block.
     * The ledger is asked now (on Fabric, one query to the peer), so call it for a report, not in a loop.
     */
    public ProjectionProgress progress() {
        long block;
        long events;
        long since;
        long eventsSince;
        lock.lock();
        try {
            block = appliedBlock;
            events = appliedEvents;
            since = startedAtMillis;
            eventsSince = events - eventsAtStart;
        } finally {
            lock.unlock();
        }
        if (block < 0) {
            block = checkpoints.load().map(ProjectionCheckpoint::blockNumber).orElse(-1L);
        }
        OptionalLong last = ledgerLastBlock();
        long elapsed = since < 0 ? 0 : clock.millis() - since;
        return new ProjectionProgress(
                running,
                block,
                last.isPresent() ? last.getAsLong() : null,
                events,
                elapsed <= 0 ? 0 : eventsSince * 1000 / elapsed);
    }

    private OptionalLong ledgerLastBlock() {
        try {
            return OptionalLong.of(ledger.lastBlock());
        } catch (RuntimeException e) {
            log.debug("ledger height unknown: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    private void listen() {
        lock.lock();
        try {
            startedAtMillis = clock.millis();
            eventsAtStart = appliedEvents;
        } finally {
            lock.unlock();
        }
        long backoff = properties.initialBackoff().toMillis();
        while (running) {
            ProjectionCheckpoint checkpoint = null;
            try {
                checkpoint = checkpoints.load().orElse(null);
                long start = checkpoint == null ? 0 : checkpoint.blockNumber();
                log.info("chaincode-event listener reading from block {} (checkpoint {})", start, checkpoint);
                try (LedgerEventStream events = ledger.events(start);
                        EventBatches batches = new EventBatches(events, properties.batchSize())) {
                    stream = events;
                    if (!running) {
                        break;
                    }
                    ResumeFilter filter = new ResumeFilter(checkpoint);
                    List<LedgerEvent> read;
                    while (running && !(read = batches.next()).isEmpty()) {
                        List<LedgerEvent> batch = new ArrayList<>(read.size());
                        read.forEach(event -> batch.addAll(filter.accept(event)));
                        if (!batch.isEmpty()) {
                            dispatcher.applyAll(batch, true);
                            checkpoints.save(batch.getLast(), clock.millis());
                            applied(batch);
                        }
                        backoff = properties.initialBackoff().toMillis();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } finally {
                    stream = null;
                }
                if (running) {
                    log.warn("chaincode event stream ended; reconnecting in {} ms", backoff);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn(
                        "chaincode-event listener failed after checkpoint {}; reconnecting in {} ms: {}",
                        checkpoint,
                        backoff,
                        e.toString());
            }
            if (running && !pause(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, properties.maxBackoff().toMillis());
        }
        log.info("chaincode-event listener stopped");
    }

    private void applied(List<LedgerEvent> batch) {
        lock.lock();
        try {
            appliedBlock = Math.max(appliedBlock, batch.getLast().blockNumber());
            appliedEvents += batch.size();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return false when stopped while pausing */
    private boolean pause(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (running && left > 0) {
                left = progressed.awaitNanos(left);
            }
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
