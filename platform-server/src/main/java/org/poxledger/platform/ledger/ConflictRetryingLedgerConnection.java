package org.poxledger.platform.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.poxledger.ledger.ForwardingLedgerConnection;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Submits a transaction again when the peer invalidated it for a stale read ({@link LedgerException#READ_CONFLICT}).
 *
 * <p>Why this is always safe: an invalidated transaction wrote nothing, and every retry is a new proposal, endorsed
 * afresh on the state that won the race, with the same arguments. The chaincode's own idempotency keys (transfer id,
 * member id, cycle and chunk) make the outcome exactly-once, and a retry that now breaks a rule (a payer whose balance
 * another debit used up) gets the chaincode's refusal, which is the true answer. Only read conflicts are retried here;
 * a refusal or an unreachable ledger passes through at once.
 *
 * <p>Bounded by {@link LedgerProperties.ConflictRetry}: exponential backoff with jitter, a retry count and an overall
 * time limit, after which the last conflict is thrown as it is.
 */
final class ConflictRetryingLedgerConnection extends ForwardingLedgerConnection {

    static final String RETRY_COUNTER = "pox.ledger.conflict.retries";

    private static final Logger log = LoggerFactory.getLogger(ConflictRetryingLedgerConnection.class);

    private final RetryTemplate retry;

    ConflictRetryingLedgerConnection(
            LedgerConnection delegate, LedgerProperties.ConflictRetry settings, MeterRegistry meters) {
        super(delegate);
        this.retry = new RetryTemplate(policy(settings));
        this.retry.setRetryListener(new ConflictLog(Counter.builder(RETRY_COUNTER)
                .description("Ledger submits endorsed again after a read conflict")
                .register(meters)));
    }

    static RetryPolicy policy(LedgerProperties.ConflictRetry settings) {
        return RetryPolicy.builder()
                .predicate(failure -> failure instanceof LedgerException e && e.isReadConflict())
                .maxRetries(settings.maxRetries())
                .delay(settings.delay())
                .multiplier(settings.multiplier())
                .maxDelay(settings.maxDelay())
                .jitter(settings.jitter())
                .timeout(settings.timeout())
                .build();
    }

    @Override
    public LedgerResult submit(String transaction, String... args) {
        try {
            return retry.execute(new Submission(delegate(), transaction, args));
        } catch (RetryException e) {
            // the last failure as it was: a refusal, an unreachable ledger, or the conflict that outlasted the bound
            if (e.getLastException() instanceof RuntimeException last) {
                throw last;
            }
            throw new IllegalStateException("ledger submit " + transaction + " failed", e);
        }
    }

    /** One submit, named after its transaction so retries log what they repeat. */
    private record Submission(LedgerConnection ledger, String transaction, String[] args)
            implements Retryable<LedgerResult> {

        @Override
        public LedgerResult execute() {
            return ledger.submit(transaction, args);
        }

        @Override
        public String getName() {
            return transaction;
        }
    }

    private record ConflictLog(Counter retries) implements RetryListener {

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
            retries.increment();
            Throwable last = state.getLastException();
            log.debug(
                    "read conflict on {} (attempt {}), endorsing again: {}",
                    retryable.getName(),
                    state.getRetryCount() + 1,
                    last == null ? "" : last.getMessage());
        }
    }
}
