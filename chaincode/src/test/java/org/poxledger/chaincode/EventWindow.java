package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerResult;

/**
 * The chaincode events committed between two marker transactions. Event streams block at the head of the ledger, so
 * "no event was emitted" can only be observed up to a later event: opening and closing the window each commit a
 * marker (a fresh genesis member, which emits {@code MemberRegistered}), and the window holds exactly the events
 * committed after the first marker and before the second. On a shared ledger it can hold other clients' events too,
 * so assertions select by transaction id or by the test's fresh ids.
 */
public final class EventWindow {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final LedgerDriver operator;
    private final LedgerResult opening;

    private EventWindow(final LedgerDriver operator, final LedgerResult opening) {
        this.operator = operator;
        this.opening = opening;
    }

    /**
     * @param operator a driver with the operator identity
     * @return an open window
     */
    public static EventWindow open(final LedgerDriver operator) {
        return new EventWindow(operator, marker(operator));
    }

    /**
     * Commits the closing marker and reads what lies between.
     *
     * @return the events in commit order, markers excluded
     */
    public List<LedgerEvent> close() {
        final LedgerResult closing = marker(operator);
        final List<LedgerEvent> events = readUntil(opening.blockNumber(), closing.transactionId());
        final List<LedgerEvent> between = new ArrayList<>();
        boolean opened = false;
        for (final LedgerEvent event : events) {
            if (event.transactionId().equals(opening.transactionId())) {
                opened = true;
            } else if (opened && !event.transactionId().equals(closing.transactionId())) {
                between.add(event);
            }
        }
        assertThat(opened).as("the opening marker's event was read").isTrue();
        return between;
    }

    /**
     * @param events a window's events
     * @param result a committed transaction
     * @return the events that transaction emitted (at most one on Fabric)
     */
    public static List<LedgerEvent> of(final List<LedgerEvent> events, final LedgerResult result) {
        return events.stream()
                .filter(event -> event.transactionId().equals(result.transactionId()))
                .toList();
    }

    /**
     * @param events a window's events
     * @param ids a test's fresh ids
     * @return the events whose payload names any of the ids
     */
    public static List<LedgerEvent> mentioning(final List<LedgerEvent> events, final String... ids) {
        return events.stream()
                .filter(event -> {
                    final String payload = event.payloadText();
                    for (final String id : ids) {
                        if (payload.contains(id)) {
                            return true;
                        }
                    }
                    return false;
                })
                .toList();
    }

    private static LedgerResult marker(final LedgerDriver operator) {
        return operator.submitResult(
                Transaction.REGISTER_GENESIS_MEMBER.wireName(), Fresh.id("marker"), Fresh.accountHash());
    }

    private List<LedgerEvent> readUntil(final long startBlock, final String lastTransactionId) {
        final LedgerEventStream stream = operator.connection().events(startBlock);
        final CompletableFuture<List<LedgerEvent>> reading = CompletableFuture.supplyAsync(() -> {
            final List<LedgerEvent> events = new ArrayList<>();
            while (stream.hasNext()) {
                final LedgerEvent event = stream.next();
                events.add(event);
                if (event.transactionId().equals(lastTransactionId)) {
                    return events;
                }
            }
            throw new IllegalStateException("Event stream ended before transaction " + lastTransactionId);
        });
        try {
            return reading.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("No event of transaction " + lastTransactionId + " within " + READ_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new AssertionError("Reading events failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while reading events", e);
        } finally {
            stream.close();
        }
    }
}
