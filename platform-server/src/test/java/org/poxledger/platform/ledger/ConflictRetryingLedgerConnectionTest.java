package org.poxledger.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

class ConflictRetryingLedgerConnectionTest {

    private static final LedgerProperties.ConflictRetry FAST = new LedgerProperties.ConflictRetry(
            5L, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Duration.ZERO, null);

    /** Fails its first submits with the given failures, then commits; records every attempt's arguments. */
    private static final class ScriptedLedger implements LedgerConnection {
        private final List<RuntimeException> failures;
        private final List<List<String>> attempts = new ArrayList<>();

        ScriptedLedger(RuntimeException... failures) {
            this.failures = new ArrayList<>(List.of(failures));
        }

        @Override
        public LedgerResult submit(String transaction, String... args) {
            attempts.add(List.of(args));
            if (!failures.isEmpty()) {
                throw failures.removeFirst();
            }
            return new LedgerResult("tx-" + attempts.size(), attempts.size(), new byte[0]);
        }

        @Override
        public byte[] evaluate(String transaction, String... args) {
            return new byte[0];
        }

        @Override
        public java.util.OptionalLong lastEventBlock(long fromBlock, long toBlock) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public long lastBlock() {
            return attempts.size();
        }

        @Override
        public LedgerEventStream events(long startBlock) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private static LedgerException conflict() {
        return new LedgerException(LedgerException.READ_CONFLICT, "MVCC_READ_CONFLICT", "tx-x");
    }

    @Test
    void a_read_conflict_is_endorsed_again_with_the_same_arguments_until_it_commits() {
        ScriptedLedger ledger = new ScriptedLedger(conflict(), conflict(), conflict());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        LedgerResult result = new ConflictRetryingLedgerConnection(ledger, FAST, meters)
                .submit("money:Transfer", "t-1", "m_a", "m_b", "5", "");

        assertThat(result.transactionId()).isEqualTo("tx-4");
        assertThat(ledger.attempts).hasSize(4).allSatisfy(args -> assertThat(args)
                .containsExactly("t-1", "m_a", "m_b", "5", ""));
        assertThat(meters.counter(ConflictRetryingLedgerConnection.RETRY_COUNTER)
                        .count())
                .isEqualTo(3);
    }

    @Test
    void a_refusal_after_a_conflict_is_the_answer_and_is_not_retried() {
        LedgerException refusal = new LedgerException("INSUFFICIENT_FUNDS", "balance 0", "tx-2");
        ScriptedLedger ledger = new ScriptedLedger(conflict(), refusal);

        assertThatThrownBy(() -> new ConflictRetryingLedgerConnection(ledger, FAST, new SimpleMeterRegistry())
                        .submit("money:Transfer", "t-1", "m_a", "m_b", "5", ""))
                .isSameAs(refusal);
        assertThat(ledger.attempts).hasSize(2);
    }

    @Test
    void an_unreachable_ledger_or_another_validation_failure_is_not_retried() {
        for (String code : List.of(LedgerException.LEDGER_UNAVAILABLE, LedgerException.COMMIT_FAILED)) {
            LedgerException failure = new LedgerException(code, "down", null);
            ScriptedLedger ledger = new ScriptedLedger(failure);

            assertThatThrownBy(() -> new ConflictRetryingLedgerConnection(ledger, FAST, new SimpleMeterRegistry())
                            .submit("members:VerifyMember", "m_a"))
                    .isSameAs(failure);
            assertThat(ledger.attempts).hasSize(1);
        }
    }

    @Test
    void a_conflict_that_outlasts_the_bound_is_thrown_as_it_is() {
        LedgerException last = conflict();
        ScriptedLedger ledger =
                new ScriptedLedger(conflict(), conflict(), conflict(), conflict(), conflict(), last, conflict());

        assertThatThrownBy(() -> new ConflictRetryingLedgerConnection(ledger, FAST, new SimpleMeterRegistry())
                        .submit("money:Transfer", "t-1", "m_a", "m_b", "5", ""))
                .isSameAs(last);
        assertThat(ledger.attempts).as("the first attempt and five retries").hasSize(6);
    }
}
