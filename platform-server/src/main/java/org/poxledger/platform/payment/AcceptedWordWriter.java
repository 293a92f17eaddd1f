package org.poxledger.platform.payment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of accepted paywords: one writer thread takes every payment accepted since its last commit and records
 * them in <em>one</em> Neo4j transaction ({@link ChannelBook#recordAccepted(List)}), then completes each payment's
 * future. While one transaction commits, the next batch gathers, so there is no timer: at low load a batch is one
 * payment and the latency one commit; at high load a commit carries hundreds of payments.
 *
 * <p>Per channel only the highest word of a batch is written: it implies every lower one (each lower word is a hash
 * of it), so a batch is durable for a channel exactly when its highest word is. Neo4j forces its transaction log at
 * commit, so a completed future means the payment survives a kill -9.
 */
final class AcceptedWordWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcceptedWordWriter.class);

    /** Bounds one transaction's size (and the Cypher parameter list). */
    static final int MAX_BATCH = 2_000;

    private final ChannelBook book;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** A payment waiting for its commit: {@code true} when recorded, {@code false} when a newer word was stored. */
    private record Pending(BrokeredChannel accepted, CompletableFuture<Boolean> durable) {}

    private static final Pending STOP = new Pending(null, null);

    AcceptedWordWriter(ChannelBook book) {
        this.book = book;
        this.thread =
                Thread.ofPlatform().name("payword-group-commit").daemon(true).start(this::run);
    }

    /**
     * Queues the channel's new highest word. Callers on one channel enqueue in the order they accepted (under the
     * channel's lock), which is the order their words reach a batch.
     *
     * @return completes with {@code true} once durable, {@code false} when the book already held this index or a
     *     higher one (another instance accepted it), exceptionally when the write failed
     */
    CompletableFuture<Boolean> record(BrokeredChannel accepted) {
        CompletableFuture<Boolean> durable = new CompletableFuture<>();
        if (closed) {
            durable.completeExceptionally(new IllegalStateException("the payment writer is closed"));
            return durable;
        }
        queue.add(new Pending(accepted, durable));
        if (closed && !thread.isAlive()) {
            // closed between the check and the add: nobody will take it
            durable.completeExceptionally(new IllegalStateException("the payment writer is closed"));
        }
        return durable;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        queue.drainTo(batch);
        batch.remove(STOP);
        fail(batch, new IllegalStateException("the payment writer is closed"));
    }

    private void commit(List<Pending> batch) {
        Map<String, ChannelBook.AcceptedWord> highest = new HashMap<>();
        for (Pending pending : batch) {
            BrokeredChannel channel = pending.accepted();
            highest.merge(
                    channel.channelId(),
                    new ChannelBook.AcceptedWord(
                            channel.channelId(),
                            channel.acceptedIndex(),
                            channel.acceptedWord(),
                            channel.acceptedAt(),
                            1),
                    ChannelBook.AcceptedWord::merge);
        }
        Set<String> recorded;
        try {
            recorded = book.recordAccepted(List.copyOf(highest.values()));
        } catch (RuntimeException e) {
            log.warn(
                    "{} accepted payments on {} channels not recorded: {}",
                    batch.size(),
                    highest.size(),
                    e.getMessage());
            fail(batch, e);
            return;
        }
        for (Pending pending : batch) {
            pending.durable().complete(recorded.contains(pending.accepted().channelId()));
        }
    }

    private static void fail(List<Pending> batch, RuntimeException cause) {
        for (Pending pending : batch) {
            pending.durable().completeExceptionally(cause);
        }
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
