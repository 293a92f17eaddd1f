package org.poxledger.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.junit.jupiter.api.Test;

class ReadConflictTest {

    private final InMemoryWorldState world = new InMemoryWorldState();
    private final LedgerIdentity operator = LedgerIdentity.operator();

    @Test
    void fails_the_second_of_two_transactions_that_read_and_write_one_key() {
        final InMemoryChaincodeStub first = world.newTransaction(operator).build();
        final InMemoryChaincodeStub second = world.newTransaction(operator).build();
        first.getState("balance~m1");
        second.getState("balance~m1");
        first.putStringState("balance~m1", "10");
        second.putStringState("balance~m1", "20");

        first.commit();

        assertThatThrownBy(second::commit)
                .isInstanceOfSatisfying(ReadConflictException.class, e -> assertThat(e.validationCode())
                        .isEqualTo("MVCC_READ_CONFLICT"));
        assertThat(world.get("balance~m1"))
                .hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("10"));
    }

    @Test
    void commits_concurrent_transactions_that_write_their_own_credit_keys() {
        final InMemoryChaincodeStub first = world.newTransaction(operator).build();
        final InMemoryChaincodeStub second = world.newTransaction(operator).build();
        first.putStringState(
                first.createCompositeKey("credit", "m1", first.getTxId()).toString(), "5");
        second.putStringState(
                second.createCompositeKey("credit", "m1", second.getTxId()).toString(), "7");

        first.commit();
        second.commit();

        assertThat(world.height()).isEqualTo(2);
    }

    @Test
    void fails_a_transaction_whose_range_query_gained_a_key_before_it_committed() {
        final InMemoryChaincodeStub folding = world.newTransaction(operator).build();
        for (final KeyValue ignored : folding.getStateByPartialCompositeKey("credit", "m1")) {
            // reads the (empty) range to its end
        }
        folding.putStringState("balance~m1", "0");
        world.submit(operator, ctx -> {
            ctx.getStub()
                    .putStringState(
                            ctx.getStub()
                                    .createCompositeKey("credit", "m1", "tx9")
                                    .toString(),
                            "3");
            return null;
        });

        assertThatThrownBy(folding::commit)
                .isInstanceOfSatisfying(ReadConflictException.class, e -> assertThat(e.validationCode())
                        .isEqualTo("PHANTOM_READ_CONFLICT"));
    }

    @Test
    void reads_the_snapshot_it_started_with_while_others_commit() {
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("a", "1");
            return null;
        });
        final InMemoryChaincodeStub reader = world.newTransaction(operator).build();

        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("a", "2");
            return null;
        });

        assertThat(reader.getStringState("a")).isEqualTo("1");
    }
}
