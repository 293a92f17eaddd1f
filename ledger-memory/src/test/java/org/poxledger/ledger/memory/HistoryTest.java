package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private final InMemoryWorldState world = new InMemoryWorldState(new StepClock());
    private final LedgerIdentity operator = LedgerIdentity.operator();

    @Test
    void lists_every_committed_modification_newest_first_with_deletes() {
        final String created = write("a", "1");
        final String updated = write("a", "2");
        final String deleted = world.newTransaction(operator).submit(ctx -> {
            ctx.getStub().delState("a");
            return ctx.getStub().getTxId();
        });

        final List<KeyModification> history = history("a");

        assertThat(history).extracting(KeyModification::getTxId).containsExactly(deleted, updated, created);
        assertThat(history).extracting(KeyModification::isDeleted).containsExactly(true, false, false);
        assertThat(history).extracting(KeyModification::getStringValue).containsExactly("", "2", "1");
        assertThat(history.get(2).getTimestamp()).isEqualTo(StepClock.START);
        assertThat(history.get(1).getTimestamp()).isEqualTo(StepClock.START.plus(Duration.ofSeconds(1)));
    }

    @Test
    void leaves_out_the_running_transaction_and_failed_ones() {
        write("a", "1");
        final InMemoryChaincodeStub running = world.newTransaction(operator).build();
        running.putState("a", "2".getBytes(UTF_8));

        final List<KeyModification> history = new ArrayList<>();
        running.getHistoryForKey("a").forEach(history::add);

        assertThat(history).extracting(KeyModification::getStringValue).containsExactly("1");
    }

    @Test
    void is_empty_for_a_key_never_written() {
        assertThat(history("never")).isEmpty();
    }

    private String write(final String key, final String value) {
        return world.newTransaction(operator).submit(ctx -> {
            ctx.getStub().putStringState(key, value);
            return ctx.getStub().getTxId();
        });
    }

    private List<KeyModification> history(final String key) {
        final List<KeyModification> history = new ArrayList<>();
        world.newTransaction(operator).build().getHistoryForKey(key).forEach(history::add);
        return history;
    }
}
