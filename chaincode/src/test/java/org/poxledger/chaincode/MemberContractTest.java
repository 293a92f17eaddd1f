package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.Suspension;
import org.poxledger.ledger.memory.CommittedTransaction;
import org.poxledger.ledger.memory.InMemoryChaincodeStub;
import org.poxledger.ledger.memory.InMemoryWorldState;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.poxledger.ledger.memory.StateWrite;

/** The member contract on the in-memory stub, where the write sets and timestamps can be inspected. */
class MemberContractTest {

    private static final LedgerIdentity OPERATOR = LedgerIdentity.operator();
    private static final Instant TX_TIME = Instant.parse("2026-01-02T03:04:05.678Z");

    private final InMemoryWorldState world = new InMemoryWorldState();
    private final MemberContract members = new MemberContract(new AccessPolicy(AccessPolicy.DEFAULT_OPERATOR_MSP));

    @Test
    void takes_every_time_from_the_transaction_timestamp() {
        final String json = world.newTransaction(OPERATOR)
                .function(Transaction.REGISTER_GENESIS_MEMBER.wireName())
                .timestamp(TX_TIME)
                .submit(ctx -> members.RegisterGenesisMember(ctx, "g-1", "a".repeat(64)));

        final Member member = LedgerJson.read(json.getBytes(StandardCharsets.UTF_8), Member.class);
        assertThat(member.registeredAt()).isEqualTo(TX_TIME.toEpochMilli());
        assertThat(member.statusChangedAt()).isEqualTo(TX_TIME.toEpochMilli());
    }

    @Test
    void a_registration_writes_the_member_its_account_claim_and_the_recommendee_index_only() {
        world.submit(OPERATOR, ctx -> members.RegisterGenesisMember(ctx, "g-1", "a".repeat(64)));
        final InMemoryChaincodeStub stub = world.newTransaction(OPERATOR)
                .function(Transaction.REGISTER_MEMBER.wireName())
                .build();

        members.RegisterMember(new Context(stub), "m-1", "b".repeat(64), "g-1");
        final CommittedTransaction committed = stub.commit();

        assertThat(committed.writes())
                .extracting(StateWrite::key)
                .containsExactlyInAnyOrder(
                        stub.createCompositeKey("member", "m-1").toString(),
                        stub.createCompositeKey("account", "b".repeat(64)).toString(),
                        stub.createCompositeKey("recommendee", "g-1", "m-1").toString());
        assertThat(committed.event())
                .hasValueSatisfying(event -> assertThat(event.name()).isEqualTo("MemberRegistered"));
    }

    @Test
    void remembers_the_status_before_a_suspension_beside_the_member_not_in_it() {
        world.submit(OPERATOR, ctx -> members.RegisterGenesisMember(ctx, "g-1", "a".repeat(64)));
        world.submit(OPERATOR, ctx -> members.RegisterMember(ctx, "m-1", "b".repeat(64), "g-1"));
        world.submit(OPERATOR, ctx -> members.VerifyMember(ctx, "m-1"));

        final String suspended = world.submit(OPERATOR, ctx -> members.SuspendMember(ctx, "m-1", "chargeback"));

        assertThat(suspended).doesNotContain("chargeback").doesNotContain("previous");
        final byte[] record = world.get(suspensionKey("m-1")).orElseThrow();
        assertThat(LedgerJson.read(record, Suspension.class).previousStatus()).isEqualTo(MemberStatus.VERIFIED);
        final String reinstated = world.submit(OPERATOR, ctx -> members.ReinstateMember(ctx, "m-1"));
        assertThat(reinstated).contains("\"status\":\"VERIFIED\"");
        assertThat(world.get(suspensionKey("m-1"))).isEmpty();
    }

    @Test
    void two_peers_running_the_same_transactions_write_the_same_bytes_but_for_the_transaction_ids() {
        final List<List<String>> writeSets = new ArrayList<>();
        for (final InMemoryWorldState peer : List.of(new InMemoryWorldState(), new InMemoryWorldState())) {
            final InMemoryChaincodeStub registration = peer.newTransaction(OPERATOR)
                    .function(Transaction.REGISTER_GENESIS_MEMBER.wireName())
                    .timestamp(TX_TIME)
                    .build();
            members.RegisterGenesisMember(new Context(registration), "g-1", "a".repeat(64));
            final String registrationTxId = registration.commit().txId();
            final InMemoryChaincodeStub stub = peer.newTransaction(OPERATOR)
                    .function(Transaction.SUSPEND_MEMBER.wireName())
                    .timestamp(TX_TIME.plusSeconds(1))
                    .build();
            members.SuspendMember(new Context(stub), "g-1", "review");
            final String txId = stub.getTxId();
            writeSets.add(stub.commit().writes().stream()
                    .map(write -> write.key() + "=" + new String(write.value(), StandardCharsets.UTF_8))
                    .map(write -> write.replace(txId, "<tx>").replace(registrationTxId, "<registration>"))
                    .toList());
        }

        assertThat(writeSets.get(0)).isNotEmpty().isEqualTo(writeSets.get(1));
    }

    private static String suspensionKey(final String memberId) {
        return new CompositeKey(LedgerKeys.SUSPENSION, memberId).toString();
    }
}
