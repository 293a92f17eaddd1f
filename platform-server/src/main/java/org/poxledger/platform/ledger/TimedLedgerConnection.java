package org.poxledger.platform.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.poxledger.ledger.ForwardingLedgerConnection;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

/**
 * Times every submit as {@code pox.ledger.submit}, tagged with the transaction name and the outcome ({@code ok} or the
 * ledger's error code), so slow or failing transactions show per kind. Everything else passes through.
 */
final class TimedLedgerConnection extends ForwardingLedgerConnection {

    static final String SUBMIT_TIMER = "pox.ledger.submit";

    private final MeterRegistry registry;

    TimedLedgerConnection(LedgerConnection delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = registry;
    }

    @Override
    public LedgerResult submit(String transaction, String... args) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            return delegate().submit(transaction, args);
        } catch (LedgerException e) {
            outcome = e.code();
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            Timer.builder(SUBMIT_TIMER)
                    .description("Ledger submit: endorse, order and wait for the commit")
                    .tag("transaction", transaction)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
