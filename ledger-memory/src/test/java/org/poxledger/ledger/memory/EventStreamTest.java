package org.poxledger.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

class EventStreamTest {

    private final EmbeddedLedger ledger = EmbeddedLedger.open(ContractRouters.shared(), LedgerIdentity.operator());

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void replays_committed_events_from_block_zero_in_commit_order() {
        ledger.submit("counter:Increment", "a", "1");
        ledger.submit("counter:Increment", "b", "2");

        try (LedgerEventStream events = ledger.events(0)) {
            final LedgerEvent first = events.next();
            final LedgerEvent second = events.next();

            assertThat(first.name()).isEqualTo("Incremented");
            assertThat(first.blockNumber()).isEqualTo(1);
            assertThat(first.payloadText()).isEqualTo("{\"name\":\"a\",\"value\":1}");
            assertThat(second.blockNumber()).isEqualTo(2);
            assertThat(second.payloadText()).isEqualTo("{\"name\":\"b\",\"value\":2}");
        }
    }

    @Test
    void starts_at_the_requested_block() {
        ledger.submit("counter:Increment", "a", "1");
        final long second = ledger.submit("counter:Increment", "a", "1").blockNumber();

        try (LedgerEventStream events = ledger.events(second)) {
            assertThat(events.next().blockNumber()).isEqualTo(second);
        }
    }

    @Test
    void waits_for_the_next_committed_event() throws Exception {
        try (LedgerEventStream events = ledger.events(0)) {
            final CompletableFuture<LedgerEvent> next = blockedReader(events::next);

            final long block = ledger.submit("counter:Increment", "a", "1").blockNumber();

            assertThat(next.get(10, TimeUnit.SECONDS).blockNumber()).isEqualTo(block);
        }
    }

    @Test
    void skips_refused_transactions() {
        ledger.submit("counter:Increment", "a", "1");
        try {
            ledger.submit("counter:IncrementThenRefuse", "a");
        } catch (RuntimeException expected) {
            // refused: no event
        }
        ledger.submit("counter:Increment", "a", "1");

        final List<Long> blocks = new ArrayList<>();
        try (LedgerEventStream events = ledger.events(0)) {
            blocks.add(events.next().blockNumber());
            blocks.add(events.next().blockNumber());
        }

        assertThat(blocks).containsExactly(1L, 2L);
    }

    @Test
    void ends_a_waiting_stream_closed_from_another_thread() throws Exception {
        final LedgerEventStream events = ledger.events(0);
        final CompletableFuture<Boolean> waiting = blockedReader(events::hasNext);

        events.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void ends_every_stream_when_the_ledger_closes() throws Exception {
        final LedgerEventStream events = ledger.events(0);
        final CompletableFuture<Boolean> waiting = blockedReader(events::hasNext);

        ledger.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    }

    /** Runs {@code read} on its own thread and returns once that thread is parked waiting for an event. */
    private static <T> CompletableFuture<T> blockedReader(final Supplier<T> read) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Thread reader = new Thread(
                () -> {
                    try {
                        result.complete(read.get());
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                "event-reader");
        reader.setDaemon(true);
        reader.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reader.getState() != Thread.State.WAITING) {
            assertThat(result).as("the reader returned instead of waiting").isNotDone();
            assertThat(System.nanoTime()).as("the reader never started waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return result;
    }
}
