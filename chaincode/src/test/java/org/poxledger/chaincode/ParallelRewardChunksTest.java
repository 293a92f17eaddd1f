package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.InMemoryChaincodeStub;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.poxledger.ledger.memory.ReadConflictException;

/**
 * Issue 11: the chunks of one cycle are endorsed in parallel, so none may read a key another writes. As in
 * {@link ConcurrentPaymentsTest}, the transactions are simulated on one snapshot of the embedded world state and then
 * committed one after another, which validates their reads exactly as a Fabric peer does.
 */
class ParallelRewardChunksTest {

    private static final LedgerIdentity OPERATOR = LedgerIdentity.operator();
    private static final String ROOT = "f".repeat(64);
    private static final List<String> CHUNK_STARTS = List.of("", "m1", "m3", "m5", "m7");

    private EmbeddedLedger ledger;
    private final List<String> members = new ArrayList<>();

    @BeforeEach
    void registerMembers() {
        ledger = EmbeddedLedger.builder().identity(OPERATOR).open();
        ledger.submit(Transaction.PUBLISH_POLICY.wireName(), LedgerContractSuite.DEFAULT_POLICY);
        ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), "genesis", Fresh.accountHash());
        for (int i = 0; i < 9; i++) {
            final String member = "m" + i;
            ledger.submit(Transaction.REGISTER_MEMBER.wireName(), member, Fresh.accountHash(), "genesis");
            members.add(member);
        }
        ledger.submit(Transaction.VERIFY_MEMBER.wireName(), "m8");
        ledger.submit(Transaction.SUSPEND_MEMBER.wireName(), "m8", "hold");
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void chunks_of_a_recorded_cycle_endorsed_on_one_snapshot_all_commit() {
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk("c1", 9, "m0"));
        final List<InMemoryChaincodeStub> concurrent = new ArrayList<>();
        for (int from = 1; from < 9; from += 2) {
            final String chunk = chunk("c1", 9, members.get(from), members.get(from + 1));
            final InMemoryChaincodeStub stub = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
            new RewardContract().PayRewardChunk(new Context(stub), chunk);
            concurrent.add(stub);
        }

        concurrent.forEach(InMemoryChaincodeStub::commit);

        final var cycle = LedgerDriver.parse(ledger.evaluate(Transaction.GET_CYCLE.wireName(), "c1"));
        assertThat(cycle.get("entriesRecorded").asInt()).isEqualTo(9);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(100 * 8);
        assertThat(cycle.get("totalHeld").asLong()).isEqualTo(100);
        assertThat(totalSupply()).isEqualTo(100 * 8);
    }

    @Test
    void a_release_endorsed_beside_a_chunk_of_the_same_cycle_commits_too() {
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk("c2", 9, "m7", "m8"));
        ledger.submit(Transaction.REINSTATE_MEMBER.wireName(), "m8");
        final String chunk = chunk("c2", 9, "m1", "m2");
        final InMemoryChaincodeStub pay = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        new RewardContract().PayRewardChunk(new Context(pay), chunk);
        final InMemoryChaincodeStub release = stub(Transaction.RELEASE_HOLD.wireName(), "c2", "m8");
        new RewardContract().ReleaseHold(new Context(release), "c2", "m8");

        pay.commit();
        release.commit();

        final var cycle = LedgerDriver.parse(ledger.evaluate(Transaction.GET_CYCLE.wireName(), "c2"));
        assertThat(cycle.get("totalReleased").asLong()).isEqualTo(100);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(300);
        assertThat(totalSupply()).isEqualTo(400);
    }

    @Test
    void two_first_chunks_of_a_new_cycle_conflict_so_the_server_sends_the_first_one_alone() {
        final String first = chunk("c3", 9, "m0");
        final String second = chunk("c3", 9, "m1");
        final InMemoryChaincodeStub one = stub(Transaction.PAY_REWARD_CHUNK.wireName(), first);
        new RewardContract().PayRewardChunk(new Context(one), first);
        final InMemoryChaincodeStub two = stub(Transaction.PAY_REWARD_CHUNK.wireName(), second);
        new RewardContract().PayRewardChunk(new Context(two), second);

        one.commit();

        assertThatThrownBy(two::commit).isInstanceOf(ReadConflictException.class);
        assertThat(totalSupply()).isEqualTo(100);
    }

    @Test
    void the_same_chunk_endorsed_twice_on_one_snapshot_commits_once() {
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk("c4", 9, "m0"));
        final String chunk = chunk("c4", 9, "m1", "m2");
        final InMemoryChaincodeStub one = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        new RewardContract().PayRewardChunk(new Context(one), chunk);
        final InMemoryChaincodeStub two = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        new RewardContract().PayRewardChunk(new Context(two), chunk);

        one.commit();

        assertThatThrownBy(two::commit).isInstanceOf(ReadConflictException.class);
        assertThat(totalSupply()).isEqualTo(300);
    }

    @Test
    void a_chunk_costs_one_state_read_and_one_state_write_per_paid_entry() {
        final List<String> starts = List.of("", "m1", "m2");
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk("c5", 8, starts, "m0"));

        final int[] one = stateCalls(chunk("c5", 8, starts, "m1"));
        final int[] six = stateCalls(chunk("c5", 8, starts, "m2", "m3", "m4", "m5", "m6", "m7"));

        assertThat(six[0] - one[0]).as("reads for 5 more entries").isEqualTo(5);
        assertThat(six[1] - one[1]).as("writes for 5 more entries").isEqualTo(5);
        assertThat(one[0] + one[1]).as("a one-entry chunk's reads and writes").isLessThanOrEqualTo(10);
    }

    /** @return the chunk's getState and putState calls, committed */
    private int[] stateCalls(final String chunk) {
        final int[] calls = new int[2];
        final InMemoryChaincodeStub stub = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        final ChaincodeStub counted = (ChaincodeStub) Proxy.newProxyInstance(
                ChaincodeStub.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getState", "getStateByPartialCompositeKey" -> calls[0]++;
                        case "putState", "delState" -> calls[1]++;
                        default -> {
                            // key building and metadata are local to the chaincode
                        }
                    }
                    try {
                        return method.invoke(stub, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new RewardContract().PayRewardChunk(new Context(counted), chunk);
        stub.commit();
        return calls;
    }

    /** Chunk k of every cycle here holds m(2k-1) and m(2k); chunk 0 holds m0. */
    private String chunk(final String cycleId, final int entryCount, final String... memberIds) {
        return chunk(cycleId, entryCount, CHUNK_STARTS, memberIds);
    }

    private String chunk(
            final String cycleId, final int entryCount, final List<String> starts, final String... memberIds) {
        final List<String> entries = new ArrayList<>();
        for (final String member : memberIds) {
            entries.add(("{\"amount\":100,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,"
                            + "\"scoreBps\":0}")
                    .formatted(member));
        }
        return ("{\"chunkIndex\":%d,\"chunkStarts\":[%s],\"cycleEnd\":2,"
                        + "\"cycleId\":\"%s\",\"cycleStart\":1,\"entries\":[%s],\"entryCount\":%d,"
                        + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                .formatted(
                        CycleChunks.chunkOf(starts, memberIds[0]),
                        String.join(
                                ",",
                                starts.stream()
                                        .map(start -> "\"" + start + "\"")
                                        .toList()),
                        cycleId,
                        String.join(",", entries),
                        entryCount,
                        ROOT);
    }

    private long totalSupply() {
        return LedgerDriver.parse(ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName()))
                .get("totalSupply")
                .asLong();
    }

    private InMemoryChaincodeStub stub(final String function, final String... args) {
        return ledger.worldState()
                .newTransaction(OPERATOR)
                .function(function)
                .parameters(args)
                .build();
    }
}
