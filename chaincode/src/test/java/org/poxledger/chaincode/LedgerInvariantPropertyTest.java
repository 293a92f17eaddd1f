package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;

/**
 * Random sequences of registrations, verifications, suspensions, rewards, holds and transfers (many of them refused)
 * on a fresh embedded ledger, checked against a small model of what the ledger must decide, and then against the
 * ledger's invariants: the balances add up to the total supply, no balance is negative, and every member has exactly
 * one path up to a genesis member.
 */
class LedgerInvariantPropertyTest {

    private static final LedgerIdentity OPERATOR = LedgerIdentity.operator();
    private static final int GENESIS_MEMBERS = 2;

    sealed interface Step permits Register, Suspend, Reinstate, Reward, SettleHolds, Pay, PayOneself {}

    /** Registers under the {@code recommender}-th member (modulo), then verifies the newcomer if asked. */
    record Register(int recommender, boolean verify) implements Step {}

    record Suspend(int member) implements Step {}

    record Reinstate(int member) implements Step {}

    /** One reward chunk of a fresh cycle: (member index, amount) pairs. */
    record Reward(List<Grant> grants) implements Step {}

    record Grant(int member, long amount) {}

    /** Releases (or forfeits) every held reward. */
    record SettleHolds(boolean release) implements Step {}

    /** Pays from the {@code from}-th member to another one, {@code 1 + offset} places further round the list. */
    record Pay(int from, int offset, long amount) implements Step {}

    record PayOneself(int member, long amount) implements Step {}

    @Property(tries = 100)
    void balances_add_up_to_the_supply_and_every_member_descends_from_one_genesis_member(
            @ForAll("scripts") final List<Step> script) {
        try (EmbeddedLedger ledger = EmbeddedLedger.builder().identity(OPERATOR).open()) {
            final Model model = new Model(new LedgerDriver(ledger));
            script.forEach(model::apply);
            model.checkInvariants();
        }
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        final Arbitrary<Integer> index = Arbitraries.integers().between(0, 1_000);
        final Arbitrary<Step> register =
                Combinators.combine(index, Arbitraries.of(true, false)).as(Register::new);
        final Arbitrary<Step> suspend = index.map(Suspend::new);
        final Arbitrary<Step> reinstate = index.map(Reinstate::new);
        final Arbitrary<Grant> grant = Combinators.combine(
                        index, Arbitraries.longs().between(0, 5_000))
                .as(Grant::new);
        final Arbitrary<Step> reward = grant.list().ofMinSize(1).ofMaxSize(5).map(Reward::new);
        final Arbitrary<Step> settle = Arbitraries.of(true, false).map(SettleHolds::new);
        final Arbitrary<Step> pay = Combinators.combine(
                        index, index, Arbitraries.longs().between(1, 1_000))
                .as(Pay::new);
        final Arbitrary<Step> payOneself =
                Combinators.combine(index, Arbitraries.longs().between(1, 100)).as(PayOneself::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, register),
                        Tuple.of(1, suspend),
                        Tuple.of(1, reinstate),
                        Tuple.of(3, reward),
                        Tuple.of(1, settle),
                        Tuple.of(6, pay),
                        Tuple.of(1, payOneself))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    /** What the ledger must hold and decide, kept beside it. */
    private static final class Model {

        private final LedgerDriver ledger;
        private final List<String> members = new ArrayList<>();
        private final Set<String> genesis = new HashSet<>();
        private final Map<String, String> recommenderOf = new HashMap<>();
        private final Map<String, String> status = new HashMap<>();
        private final Map<String, String> statusBeforeSuspension = new HashMap<>();
        private final Map<String, Long> balance = new HashMap<>();
        private final Map<String, Map<String, Long>> holds = new LinkedHashMap<>();
        private final int policyRate;
        private long supply;
        private int counter;

        Model(final LedgerDriver ledger) {
            this.ledger = ledger;
            final JsonNode policy =
                    ledger.submit(Transaction.PUBLISH_POLICY.wireName(), LedgerContractSuite.DEFAULT_POLICY);
            this.policyRate =
                    policy.get("policy").get("tiers").get(0).get("rateBps").asInt();
            for (int i = 0; i < GENESIS_MEMBERS; i++) {
                final String id = "g" + i;
                ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), id, Fresh.accountHash());
                add(id, null, "VERIFIED");
                genesis.add(id);
            }
        }

        void apply(final Step step) {
            switch (step) {
                case Register r -> register(member(r.recommender()), r.verify());
                case Suspend s -> suspend(member(s.member()));
                case Reinstate r -> reinstate(member(r.member()));
                case Reward r -> reward(r.grants());
                case SettleHolds s -> settle(s.release());
                case Pay p -> pay(member(p.from()), other(p.from(), p.offset()), p.amount());
                case PayOneself p -> pay(member(p.member()), member(p.member()), p.amount());
            }
        }

        private void register(final String recommender, final boolean verify) {
            final String id = "m" + counter++;
            if (!"VERIFIED".equals(status.get(recommender))) {
                refused(
                        "RECOMMENDER_NOT_VERIFIED",
                        Transaction.REGISTER_MEMBER.wireName(),
                        id,
                        Fresh.accountHash(),
                        recommender);
                return;
            }
            ledger.submit(Transaction.REGISTER_MEMBER.wireName(), id, Fresh.accountHash(), recommender);
            add(id, recommender, "ACTIVE");
            if (verify) {
                ledger.submit(Transaction.VERIFY_MEMBER.wireName(), id);
                status.put(id, "VERIFIED");
            }
        }

        private void suspend(final String member) {
            if ("SUSPENDED".equals(status.get(member))) {
                refused("INVALID_STATUS_TRANSITION", Transaction.SUSPEND_MEMBER.wireName(), member, "again");
                return;
            }
            ledger.submit(Transaction.SUSPEND_MEMBER.wireName(), member, "property");
            statusBeforeSuspension.put(member, status.get(member));
            status.put(member, "SUSPENDED");
        }

        private void reinstate(final String member) {
            if (!"SUSPENDED".equals(status.get(member))) {
                refused("INVALID_STATUS_TRANSITION", Transaction.REINSTATE_MEMBER.wireName(), member);
                return;
            }
            final JsonNode reinstated = ledger.submit(Transaction.REINSTATE_MEMBER.wireName(), member);
            status.put(member, statusBeforeSuspension.remove(member));
            assertThat(reinstated.get("status").asText()).isEqualTo(status.get(member));
        }

        private void reward(final List<Grant> grants) {
            final String cycleId = "c" + counter++;
            final Map<String, Long> amounts = new LinkedHashMap<>();
            grants.forEach(grant -> amounts.putIfAbsent(member(grant.member()), grant.amount()));
            final StringBuilder entries = new StringBuilder();
            amounts.forEach((member, amount) -> entries.append(entries.isEmpty() ? "" : ",")
                    .append("{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":%d,\"scoreBps\":0}"
                            .formatted(amount, member, policyRate)));
            ledger.submit(
                    Transaction.PAY_REWARD_CHUNK.wireName(),
                    ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":20,\"cycleId\":\"%s\",\"cycleStart\":10,\"entries\":[%s],\"entryCount\":%d,"
                                    + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                            .formatted(cycleId, entries, amounts.size(), Fresh.accountHash()));
            amounts.forEach((member, amount) -> {
                if (amount > 0 && "SUSPENDED".equals(status.get(member))) {
                    holds.computeIfAbsent(cycleId, c -> new LinkedHashMap<>()).put(member, amount);
                } else {
                    credit(member, amount);
                    supply += amount;
                }
            });
        }

        private void settle(final boolean release) {
            holds.forEach((cycleId, held) -> held.forEach((member, amount) -> {
                if (release) {
                    ledger.submit(Transaction.RELEASE_HOLD.wireName(), cycleId, member);
                    credit(member, amount);
                    supply += amount;
                } else {
                    ledger.submit(Transaction.FORFEIT_HOLD.wireName(), cycleId, member);
                }
            }));
            holds.clear();
        }

        private void pay(final String from, final String to, final long amount) {
            final String transferId = "t" + counter++;
            final String[] args = {transferId, from, to, String.valueOf(amount), ""};
            final String outcome;
            if (from.equals(to)) {
                outcome = refused("SELF_TRANSFER", Transaction.TRANSFER.wireName(), args);
            } else if ("SUSPENDED".equals(status.get(from)) || "SUSPENDED".equals(status.get(to))) {
                outcome = refused("MEMBER_SUSPENDED", Transaction.TRANSFER.wireName(), args);
            } else if (balance.get(from) < amount) {
                outcome = refused("INSUFFICIENT_FUNDS", Transaction.TRANSFER.wireName(), args);
            } else {
                ledger.submit(Transaction.TRANSFER.wireName(), args);
                credit(from, -amount);
                credit(to, amount);
                outcome = "COMPLETED";
            }
            Statistics.label("transfers").collect(outcome);
        }

        void checkInvariants() {
            long sum = 0;
            for (final String member : members) {
                final long onLedger = ledger.evaluate(Transaction.GET_BALANCE.wireName(), member)
                        .get("balance")
                        .asLong();
                assertThat(onLedger).as("balance of %s", member).isNotNegative().isEqualTo(balance.get(member));
                sum += onLedger;
            }
            final long totalSupply = ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName())
                    .get("totalSupply")
                    .asLong();
            assertThat(sum).as("sum of balances").isEqualTo(totalSupply).isEqualTo(supply);

            final Map<String, List<String>> children = new HashMap<>();
            for (final String member : members) {
                final JsonNode stored = ledger.evaluate(Transaction.GET_MEMBER.wireName(), member);
                assertThat(stored.get("status").asText()).isEqualTo(status.get(member));
                final Set<String> path = new HashSet<>();
                String current = member;
                while (current != null) {
                    assertThat(path.add(current))
                            .as("cycle through %s above %s", current, member)
                            .isTrue();
                    final JsonNode node = ledger.evaluate(Transaction.GET_MEMBER.wireName(), current);
                    current = node.has("recommenderId")
                            ? node.get("recommenderId").asText()
                            : null;
                    if (current == null) {
                        assertThat(genesis)
                                .as("root above %s", member)
                                .contains(node.get("memberId").asText());
                    }
                }
                if (stored.has("recommenderId")) {
                    assertThat(stored.get("recommenderId").asText()).isEqualTo(recommenderOf.get(member));
                    children.computeIfAbsent(recommenderOf.get(member), k -> new ArrayList<>())
                            .add(member);
                }
            }
            for (final String member : members) {
                final List<String> listed = new ArrayList<>();
                ledger.evaluate(Transaction.LIST_RECOMMENDEES.wireName(), member, "1000", "")
                        .get("items")
                        .forEach(item -> listed.add(item.get("memberId").asText()));
                assertThat(listed)
                        .as("recommendees of %s", member)
                        .containsExactlyInAnyOrderElementsOf(children.getOrDefault(member, List.of()));
            }
        }

        private void add(final String id, final String recommender, final String initialStatus) {
            members.add(id);
            recommenderOf.put(id, recommender);
            status.put(id, initialStatus);
            balance.put(id, 0L);
        }

        private void credit(final String member, final long amount) {
            balance.merge(member, amount, Long::sum);
        }

        private String member(final int index) {
            return members.get(index % members.size());
        }

        private String other(final int index, final int offset) {
            final int from = index % members.size();
            return members.get((from + 1 + offset % (members.size() - 1)) % members.size());
        }

        private String refused(final String code, final String transaction, final String... args) {
            final LedgerException refusal =
                    catchThrowableOfType(LedgerException.class, () -> ledger.submitResult(transaction, args));
            assertThat(refusal)
                    .as("%s %s must be refused", transaction, List.of(args))
                    .isNotNull();
            assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(code);
            return code;
        }
    }
}
