package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerResult;

class JournalTest {

    @TempDir
    Path directory;

    private Path journal() {
        return directory.resolve("ledger").resolve("ledger.journal");
    }

    private EmbeddedLedger open() {
        return EmbeddedLedger.builder()
                .journal(journal())
                .chaincode(ContractRouters.shared())
                .clock(new StepClock())
                .open();
    }

    @Test
    void restores_state_history_block_height_and_events_after_reopening() {
        final LedgerResult last;
        try (EmbeddedLedger ledger = open()) {
            ledger.submit("counter:Increment", "a", "1");
            ledger.submit("counter:Increment", "b", "5");
            last = ledger.submit("counter:Increment", "a", "2");
        }

        try (EmbeddedLedger reopened = open()) {
            assertThat(new String(reopened.evaluate("counter:Get", "a"), UTF_8)).isEqualTo("3");
            assertThat(new String(reopened.evaluate("counter:Get", "b"), UTF_8)).isEqualTo("5");
            assertThat(reopened.worldState().height()).isEqualTo(3);
            assertThat(history(reopened, "a"))
                    .extracting(KeyModification::getTxId)
                    .startsWith(last.transactionId())
                    .hasSize(2);
            assertThat(history(reopened, "a").getFirst().getTimestamp()).isEqualTo(StepClock.START.plusSeconds(2));
            try (LedgerEventStream events = reopened.events(0)) {
                assertThat(events.next().payloadText()).isEqualTo("{\"name\":\"a\",\"value\":1}");
            }
            assertThat(reopened.worldState().events())
                    .extracting(LedgerEvent::blockNumber)
                    .containsExactly(1L, 2L, 3L);

            assertThat(reopened.submit("counter:Increment", "a", "1").blockNumber())
                    .isEqualTo(4);
        }
    }

    @Test
    void writes_one_line_per_committed_transaction_and_none_for_refused_ones() throws IOException {
        try (EmbeddedLedger ledger = open()) {
            ledger.submit("counter:Increment", "a", "1");
            try {
                ledger.submit("counter:IncrementThenRefuse", "a");
            } catch (RuntimeException expected) {
                // refused
            }
            ledger.evaluate("counter:Increment", "a", "1");
        }

        final List<String> lines = Files.readAllLines(journal());
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"block\":1,\"event\":{\"name\":\"Incremented\"")
                .contains("\"writes\":[{\"key\":"));
    }

    @Test
    void ignores_a_torn_last_line_and_keeps_appending_cleanly() throws IOException {
        try (EmbeddedLedger ledger = open()) {
            ledger.submit("counter:Increment", "a", "1");
            ledger.submit("counter:Increment", "a", "1");
        }
        final byte[] intact = Files.readAllBytes(journal());
        Files.write(journal(), "{\"block\":3,\"event\":{\"na".getBytes(UTF_8), StandardOpenOption.APPEND);

        try (EmbeddedLedger reopened = open()) {
            assertThat(reopened.worldState().height()).isEqualTo(2);
            assertThat(Files.readAllBytes(journal())).isEqualTo(intact);
            assertThat(reopened.submit("counter:Increment", "a", "1").blockNumber())
                    .isEqualTo(3);
        }
        try (EmbeddedLedger again = open()) {
            assertThat(new String(again.evaluate("counter:Get", "a"), UTF_8)).isEqualTo("3");
        }
    }

    @Test
    void refuses_to_open_a_journal_corrupted_before_its_last_line() throws IOException {
        try (EmbeddedLedger ledger = open()) {
            ledger.submit("counter:Increment", "a", "1");
            ledger.submit("counter:Increment", "a", "1");
        }
        final List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
        lines.set(0, "not json");
        Files.write(journal(), lines);

        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt at line 1");
    }

    @Test
    void refuses_a_second_ledger_on_the_same_journal() {
        try (EmbeddedLedger ledger = open()) {
            assertThatThrownBy(this::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void keeps_deletes_and_composite_keys_across_a_restart() {
        final String credit = new CompositeKey("credit", "m1", "tx1").toString();
        try (EmbeddedLedger ledger =
                EmbeddedLedger.open(new KeyValueChaincode(), LedgerIdentity.operator(), journal())) {
            ledger.submit("put", credit, "5");
            ledger.submit("put", "plain", "x");
            ledger.submit("del", "plain");
        }

        try (EmbeddedLedger reopened =
                EmbeddedLedger.open(new KeyValueChaincode(), LedgerIdentity.operator(), journal())) {
            assertThat(reopened.worldState().get(credit))
                    .hasValueSatisfying(
                            value -> assertThat(new String(value, UTF_8)).isEqualTo("5"));
            assertThat(reopened.worldState().get("plain")).isEmpty();
            assertThat(historyOf(reopened, "plain"))
                    .extracting(KeyModification::isDeleted)
                    .containsExactly(true, false);
        }
    }

    private static List<KeyModification> history(final EmbeddedLedger ledger, final String counter) {
        return historyOf(ledger, new CompositeKey("counter", counter).toString());
    }

    private static List<KeyModification> historyOf(final EmbeddedLedger ledger, final String key) {
        final List<KeyModification> history = new ArrayList<>();
        ledger.worldState()
                .newTransaction(LedgerIdentity.operator())
                .build()
                .getHistoryForKey(key)
                .forEach(history::add);
        return history;
    }
}
