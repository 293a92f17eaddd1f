package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.InMemoryChaincodeStub;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.poxledger.ledger.memory.ReadConflictException;
import org.poxledger.ledger.memory.StateWrite;

/**
 * DESIGN §7: a member receiving many payments at once must not cause MVCC read conflicts, while concurrent debits of
 * one payer stay correct. The embedded ledger serializes submits, so these tests build several transactions on the
 * same snapshot of its world state and commit them one after another, as the endorsing peers and the committer of a
 * Fabric network would; the world state validates reads at commit exactly as a peer does.
 */
class ConcurrentPaymentsTest {

    private static final LedgerIdentity OPERATOR = LedgerIdentity.operator();

    private EmbeddedLedger ledger;
    private final List<String> payers = new ArrayList<>();
    private String payee;

    @BeforeEach
    void registerPayersAndPayee() {
        ledger = EmbeddedLedger.builder().identity(OPERATOR).open();
        ledger.submit(Transaction.PUBLISH_POLICY.wireName(), LedgerContractSuite.DEFAULT_POLICY);
        ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), "genesis", Fresh.accountHash());
        payee = "payee";
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), payee, Fresh.accountHash(), "genesis");
        final StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            final String payer = "payer-" + i;
            ledger.submit(Transaction.REGISTER_MEMBER.wireName(), payer, Fresh.accountHash(), "genesis");
            payers.add(payer);
            entries.append(i == 0 ? "" : ",")
                    .append("{\"amount\":100,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,"
                            .formatted(payer))
                    .append("\"scoreBps\":0}");
        }
        ledger.submit(
                Transaction.PAY_REWARD_CHUNK.wireName(),
                ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2,\"cycleId\":\"fund\",\"cycleStart\":1,\"entries\":[%s],\"entryCount\":3,"
                                + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                        .formatted(entries, "d".repeat(64)));
        // Payee has a folded balance and pending credits already, so a careless credit would have something to read.
        ledger.submit(Transaction.TRANSFER.wireName(), "warm-up", payers.get(0), payee, "10", "");
        ledger.submit(Transaction.TRANSFER.wireName(), "warm-up-2", payee, payers.get(1), "5", "");
        ledger.submit(Transaction.TRANSFER.wireName(), "warm-up-3", payers.get(2), payee, "10", "");
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void a_transfer_reads_nothing_of_the_payees_balance_and_writes_a_credit_of_its_own() {
        final InMemoryChaincodeStub stub = transfer("t-1", payers.get(1), payee, 7);
        final RecordedReads reads = new RecordedReads();

        new MoneyContract().Transfer(new Context(reads.around(stub)), "t-1", payers.get(1), payee, "7", "");
        final List<StateWrite> writes = stub.commit().writes();

        assertThat(reads.touching(LedgerKeys.BALANCE, payee)).isEmpty();
        assertThat(reads.touching(LedgerKeys.CREDIT, payee)).isEmpty();
        assertThat(reads.touching(LedgerKeys.BALANCE, payers.get(1))).isNotEmpty();
        assertThat(reads.touching(LedgerKeys.CREDIT, payers.get(1))).isNotEmpty();
        assertThat(writes)
                .extracting(StateWrite::key)
                .contains(stub.createCompositeKey(LedgerKeys.CREDIT, payee, stub.getTxId())
                        .toString())
                .doesNotContain(
                        stub.createCompositeKey(LedgerKeys.BALANCE, payee).toString());
    }

    @Test
    void paying_and_releasing_rewards_reads_nothing_of_the_payees_balances() {
        ledger.submit(Transaction.VERIFY_MEMBER.wireName(), payers.get(2));
        ledger.submit(Transaction.SUSPEND_MEMBER.wireName(), payers.get(2), "hold");
        final String chunk =
                ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2,\"cycleId\":\"c2\",\"cycleStart\":1,\"entries\":["
                                + "{\"amount\":40,\"events\":1,\"level\":1,\"memberId\":\"%s\","
                                + "\"rateBps\":10000,\"scoreBps\":0},"
                                + "{\"amount\":60,\"events\":1,\"level\":1,\"memberId\":\"%s\","
                                + "\"rateBps\":10000,\"scoreBps\":0}"
                                + "],\"entryCount\":2,\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                        .formatted(payee, payers.get(2), "e".repeat(64));
        final InMemoryChaincodeStub pay = stub(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        final RecordedReads payReads = new RecordedReads();
        new RewardContract().PayRewardChunk(new Context(payReads.around(pay)), chunk);
        pay.commit();
        ledger.submit(Transaction.REINSTATE_MEMBER.wireName(), payers.get(2));
        final InMemoryChaincodeStub release = stub(Transaction.RELEASE_HOLD.wireName(), "c2", payers.get(2));
        final RecordedReads releaseReads = new RecordedReads();
        new RewardContract().ReleaseHold(new Context(releaseReads.around(release)), "c2", payers.get(2));
        release.commit();

        for (final RecordedReads reads : List.of(payReads, releaseReads)) {
            for (final String member : List.of(payee, payers.get(2))) {
                assertThat(reads.touching(LedgerKeys.BALANCE, member)).isEmpty();
                assertThat(reads.touching(LedgerKeys.CREDIT, member)).isEmpty();
            }
        }
        assertThat(balance(payee)).isEqualTo(10 - 5 + 10 + 40);
        assertThat(balance(payers.get(2))).isEqualTo(100 - 10 + 60);
    }

    @Test
    void payments_to_one_payee_endorsed_on_the_same_snapshot_all_commit() {
        final List<InMemoryChaincodeStub> concurrent = new ArrayList<>();
        for (int i = 0; i < payers.size(); i++) {
            final InMemoryChaincodeStub stub = transfer("c-" + i, payers.get(i), payee, 3);
            new MoneyContract().Transfer(new Context(stub), "c-" + i, payers.get(i), payee, "3", "");
            concurrent.add(stub);
        }

        concurrent.forEach(InMemoryChaincodeStub::commit);

        assertThat(balance(payee)).isEqualTo(10 - 5 + 10 + 3 * payers.size());
        assertThat(balance(payers.get(0))).isEqualTo(100 - 10 - 3);
        assertThat(balance(payers.get(1))).isEqualTo(100 + 5 - 3);
    }

    @Test
    void two_debits_of_one_payer_endorsed_on_the_same_snapshot_cannot_both_commit() {
        final String payer = payers.get(0);
        final InMemoryChaincodeStub first = transfer("d-1", payer, payee, 80);
        new MoneyContract().Transfer(new Context(first), "d-1", payer, payee, "80", "");
        final InMemoryChaincodeStub second = transfer("d-2", payer, payers.get(1), 80);
        new MoneyContract().Transfer(new Context(second), "d-2", payer, payers.get(1), "80", "");

        first.commit();

        assertThatThrownBy(second::commit).isInstanceOf(ReadConflictException.class);
        assertThat(balance(payer)).isEqualTo(100 - 10 - 80);
        final LedgerException retry = catchThrowableOfType(
                LedgerException.class,
                () -> ledger.submit(Transaction.TRANSFER.wireName(), "d-2", payer, payers.get(1), "80", ""));
        assertThat(retry.code())
                .as("the client's retry is refused, never overdrawn")
                .isEqualTo("INSUFFICIENT_FUNDS");
    }

    private long balance(final String memberId) {
        return LedgerDriver.parse(ledger.evaluate(Transaction.GET_BALANCE.wireName(), memberId))
                .get("balance")
                .asLong();
    }

    private InMemoryChaincodeStub transfer(final String id, final String from, final String to, final long amount) {
        return stub(Transaction.TRANSFER.wireName(), id, from, to, String.valueOf(amount), "");
    }

    private InMemoryChaincodeStub stub(final String function, final String... args) {
        return ledger.worldState()
                .newTransaction(OPERATOR)
                .function(function)
                .parameters(args)
                .build();
    }

    /** Records every key and key range a transaction reads, passing each call on to the real stub. */
    static final class RecordedReads {

        private final List<String> keys = new ArrayList<>();
        private final List<String> rangePrefixes = new ArrayList<>();

        ChaincodeStub around(final ChaincodeStub stub) {
            return (ChaincodeStub) Proxy.newProxyInstance(
                    ChaincodeStub.class.getClassLoader(),
                    new Class<?>[] {ChaincodeStub.class},
                    (proxy, method, args) -> {
                        record(method.getName(), args);
                        try {
                            return method.invoke(stub, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private void record(final String method, final Object[] args) {
            switch (method) {
                case "getState", "getStringState" -> keys.add((String) args[0]);
                case "getStateByRange", "getStateByRangeWithPagination" -> rangePrefixes.add((String) args[0]);
                case "getStateByPartialCompositeKey", "getStateByPartialCompositeKeyWithPagination" -> {
                    if (args[0] instanceof CompositeKey key) {
                        rangePrefixes.add(key.toString());
                    } else if (args.length == 1) {
                        rangePrefixes.add((String) args[0]);
                    } else {
                        rangePrefixes.add(new CompositeKey((String) args[0], (String[]) args[1]).toString());
                    }
                }
                default -> {
                    // writes, key building and metadata read nothing of the state
                }
            }
        }

        /** @return the reads of keys or ranges of the given type that name the member */
        List<String> touching(final String type, final String memberId) {
            final String prefix = new CompositeKey(type, memberId).toString();
            final List<String> touching = new ArrayList<>();
            keys.stream().filter(key -> key.startsWith(prefix)).forEach(touching::add);
            rangePrefixes.stream().filter(range -> range.startsWith(prefix)).forEach(touching::add);
            return touching;
        }
    }
}
