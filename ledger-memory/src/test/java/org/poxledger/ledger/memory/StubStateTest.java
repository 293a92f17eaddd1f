package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class StubStateTest {

    private final StepClock clock = new StepClock();
    private final InMemoryWorldState world = new InMemoryWorldState(clock);
    private final LedgerIdentity operator = LedgerIdentity.operator();

    @Test
    void applies_writes_only_when_the_transaction_commits() {
        final InMemoryChaincodeStub stub = world.newTransaction(operator).build();
        stub.putStringState("a", "1");

        assertThat(world.get("a")).isEmpty();
        final CommittedTransaction committed = stub.commit();

        assertThat(world.get("a")).hasValueSatisfying(value -> assertThat(new String(value, UTF_8))
                .isEqualTo("1"));
        assertThat(committed.blockNumber()).isEqualTo(1);
        assertThat(world.height()).isEqualTo(1);
    }

    @Test
    void rolls_back_every_write_and_the_event_when_the_transaction_fails() {
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("kept", "yes");
            return null;
        });

        assertThatThrownBy(() -> world.submit(operator, ctx -> {
                    ctx.getStub().putStringState("a", "1");
                    ctx.getStub().delState("kept");
                    ctx.getStub().setEvent("Changed", new byte[0]);
                    throw new ChaincodeException("NOPE: refused", "NOPE");
                }))
                .isInstanceOf(ChaincodeException.class);

        assertThat(world.get("a")).isEmpty();
        assertThat(world.get("kept")).isPresent();
        assertThat(world.events()).isEmpty();
        assertThat(world.height()).isEqualTo(1);
    }

    @Test
    void reads_committed_state_and_not_its_own_writes_as_a_fabric_peer_does() {
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("a", "old");
            return null;
        });
        final InMemoryChaincodeStub stub = world.newTransaction(operator).build();

        stub.putStringState("a", "new");
        stub.putStringState("b", "new");

        assertThat(stub.getStringState("a")).isEqualTo("old");
        assertThat(stub.getState("b")).isEmpty();
    }

    @Test
    void returns_an_empty_array_for_an_absent_key() {
        assertThat(world.newTransaction(operator).build().getState("nothing"))
                .isNotNull()
                .isEmpty();
    }

    @Test
    void treats_a_write_of_an_empty_value_as_a_delete() {
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("a", "1");
            return null;
        });

        world.submit(operator, ctx -> {
            ctx.getStub().putState("a", new byte[0]);
            return null;
        });

        assertThat(world.get("a")).isEmpty();
    }

    @Test
    void keeps_the_last_write_of_a_key_within_one_transaction() {
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState("a", "1");
            ctx.getStub().delState("a");
            ctx.getStub().putStringState("a", "3");
            return null;
        });

        assertThat(new String(world.get("a").orElseThrow(), UTF_8)).isEqualTo("3");
    }

    @Test
    void refuses_an_empty_key() {
        final InMemoryChaincodeStub stub = world.newTransaction(operator).build();

        assertThatThrownBy(() -> stub.putStringState("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void emits_only_the_last_event_a_transaction_sets() {
        world.submit(operator, ctx -> {
            ctx.getStub().setEvent("First", "1".getBytes(UTF_8));
            ctx.getStub().setEvent("Second", "2".getBytes(UTF_8));
            return null;
        });

        assertThat(world.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("Second");
            assertThat(event.payloadText()).isEqualTo("2");
            assertThat(event.blockNumber()).isEqualTo(1);
        });
    }

    @Test
    void discards_writes_and_events_of_an_evaluated_transaction() {
        final String result = world.evaluate(operator, ctx -> {
            ctx.getStub().putStringState("a", "1");
            ctx.getStub().setEvent("Changed", new byte[0]);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(world.get("a")).isEmpty();
        assertThat(world.events()).isEmpty();
        assertThat(world.height()).isZero();
    }

    @Test
    void gives_each_transaction_a_unique_hex_id_and_the_clock_time() {
        final InMemoryChaincodeStub first = world.newTransaction(operator).build();
        final InMemoryChaincodeStub second = world.newTransaction(operator).build();

        assertThat(first.getTxId()).hasSize(64).satisfies(id -> HexFormat.of().parseHex(id));
        assertThat(first.getTxId()).isNotEqualTo(second.getTxId());
        assertThat(first.getTxTimestamp()).isEqualTo(StepClock.START);
        assertThat(second.getTxTimestamp()).isAfter(first.getTxTimestamp());
    }

    @Test
    void exposes_the_invocation_as_function_and_parameters() {
        final InMemoryChaincodeStub stub = world.newTransaction(operator)
                .function("counter:Increment")
                .parameters("a", "2")
                .channelId("other")
                .build();

        assertThat(stub.getFunction()).isEqualTo("counter:Increment");
        assertThat(stub.getParameters()).containsExactly("a", "2");
        assertThat(stub.getStringArgs()).containsExactly("counter:Increment", "a", "2");
        assertThat(stub.getArgs()).hasSize(3);
        assertThat(stub.getChannelId()).isEqualTo("other");
        assertThat(stub.getMspId()).isEqualTo(LedgerIdentity.OPERATOR_MSP_ID);
    }

    @Test
    void refuses_any_use_after_commit() {
        final InMemoryChaincodeStub stub = world.newTransaction(operator).build();
        stub.commit();

        assertThatThrownBy(() -> stub.putStringState("a", "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("committed");
        assertThatThrownBy(stub::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void says_which_operations_need_a_real_peer() {
        final InMemoryChaincodeStub stub = world.newTransaction(operator).build();

        assertThatThrownBy(() -> stub.getPrivateData("collection", "k"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("private data");
        assertThatThrownBy(() -> stub.invokeChaincode("other", List.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("invokeChaincode");
        assertThatThrownBy(() -> stub.getQueryResult("{}"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("CouchDB");
    }
}
