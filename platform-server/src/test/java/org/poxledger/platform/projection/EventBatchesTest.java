package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

class EventBatchesTest {

    @Test
    void hands_out_what_has_been_read_in_batches_of_at_most_the_batch_size_then_ends() throws Exception {
        try (EventBatches batches = new EventBatches(new ListStream(events(25), null), 10)) {
            List<List<LedgerEvent>> seen = drain(batches);

            assertThat(seen).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 10));
            assertThat(seen.stream().flatMap(List::stream).map(LedgerEvent::blockNumber))
                    .containsExactlyElementsOf(
                            events(25).stream().map(LedgerEvent::blockNumber).toList());
            assertThat(batches.next()).isEmpty();
        }
    }

    @Test
    void gives_a_live_event_at_once_without_waiting_for_a_full_batch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LedgerEventStream stream = new ListStream(events(1), release);
        try (EventBatches batches = new EventBatches(stream, 1000)) {
            List<LedgerEvent> first = batches.next();

            assertThat(first).hasSize(1);
            release.countDown();
            assertThat(batches.next()).isEmpty();
        }
    }

    @Test
    void a_stream_failure_comes_after_the_events_read_before_it() throws Exception {
        IllegalStateException broken = new IllegalStateException("peer gone");
        LedgerEventStream stream = new ListStream(events(3), null) {
            @Override
            public boolean hasNext() {
                if (!super.hasNext()) {
                    throw broken;
                }
                return true;
            }
        };
        try (EventBatches batches = new EventBatches(stream, 10)) {
            List<LedgerEvent> read = new ArrayList<>();
            assertThatThrownBy(() -> {
                        while (true) {
                            read.addAll(batches.next());
                        }
                    })
                    .isSameAs(broken);
            assertThat(read).hasSize(3);
        }
    }

    private static List<List<LedgerEvent>> drain(EventBatches batches) throws InterruptedException {
        List<List<LedgerEvent>> seen = new ArrayList<>();
        List<LedgerEvent> batch;
        while (!(batch = batches.next()).isEmpty()) {
            seen.add(batch);
        }
        return seen;
    }

    private static List<LedgerEvent> events(int n) {
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(new LedgerEvent(i, "tx" + i, "MemberRegistered", "{}".getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }

    /** The events, then (with a latch) a wait like a live stream's until released, then the end. */
    private static class ListStream implements LedgerEventStream {

        private final Iterator<LedgerEvent> events;
        private final CountDownLatch endAfter;

        ListStream(List<LedgerEvent> events, CountDownLatch endAfter) {
            this.events = events.iterator();
            this.endAfter = endAfter;
        }

        @Override
        public boolean hasNext() {
            if (events.hasNext()) {
                return true;
            }
            if (endAfter != null) {
                try {
                    endAfter.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }

        @Override
        public LedgerEvent next() {
            return events.next();
        }

        @Override
        public void close() {}
    }
}
