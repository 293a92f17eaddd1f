package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.poxledger.payword.PaywordChain;

/**
 * Random sequences of channel openings, redeems (some replayed, forged or past the end), closes, transfers and clock
 * moves on a fresh embedded ledger with a clock the test turns. After every step the money adds up: the balances plus
 * the deposits still locked in channels equal the total supply, and each channel's redeemed, refunded and locked parts
 * add up to its deposit.
 */
class ChannelInvariantPropertyTest {

    private static final int MEMBERS = 4;
    private static final long FUNDS = 1_000;
    private static final long START = 1_800_000_000_000L;

    sealed interface Step permits Open, Redeem, Close, Pay, Wait {}

    record Open(int payer, int offset, long unit, int length, long lifetime) implements Step {}

    /** Redeems {@code advance} paywords past the channel's index; a forged one if asked. */
    record Redeem(int channel, int advance, boolean forged) implements Step {}

    record Close(int channel, boolean byPayee) implements Step {}

    record Pay(int from, int offset, long amount) implements Step {}

    record Wait(long millis) implements Step {}

    @Property(tries = 60)
    void balances_plus_locked_deposits_equal_the_supply_at_every_step(@ForAll("scripts") final List<Step> script) {
        final TurnedClock clock = new TurnedClock(START);
        try (EmbeddedLedger ledger = EmbeddedLedger.builder()
                .identity(LedgerIdentity.operator())
                .clock(clock)
                .open()) {
            final Model model = new Model(new LedgerDriver(ledger), clock);
            model.checkInvariants();
            for (final Step step : script) {
                model.apply(step);
                model.checkInvariants();
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        final Arbitrary<Integer> index = Arbitraries.integers().between(0, 1_000);
        final Arbitrary<Step> open = Combinators.combine(
                        index,
                        index,
                        Arbitraries.longs().between(1, 60),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.longs().between(1, 5_000))
                .as(Open::new);
        final Arbitrary<Step> redeem = Combinators.combine(
                        index, Arbitraries.integers().between(-2, 6), Arbitraries.of(false, false, false, true))
                .as(Redeem::new);
        final Arbitrary<Step> close =
                Combinators.combine(index, Arbitraries.of(true, false)).as(Close::new);
        final Arbitrary<Step> pay = Combinators.combine(
                        index, index, Arbitraries.longs().between(1, 400))
                .as(Pay::new);
        final Arbitrary<Step> wait = Arbitraries.longs().between(1, 3_000).map(Wait::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(4, open), Tuple.of(6, redeem), Tuple.of(2, close), Tuple.of(2, pay), Tuple.of(1, wait))
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }

    /** A clock the test moves forward; transactions read it for their timestamp. */
    private static final class TurnedClock extends Clock {

        private long now;

        TurnedClock(final long start) {
            this.now = start;
        }

        void turn(final long millis) {
            now += millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }
    }

    private record Tracked(String channelId, String payer, String payee, long unit, PaywordChain chain, long expiry) {}

    private static final class Model {

        private final LedgerDriver ledger;
        private final TurnedClock clock;
        private final List<String> members = new ArrayList<>();
        private final Map<String, Long> balance = new HashMap<>();
        private final List<Tracked> channels = new ArrayList<>();
        private final Map<String, Long> redeemedIndex = new HashMap<>();
        private final Map<String, Boolean> closed = new HashMap<>();
        private long supply;
        private int counter;

        Model(final LedgerDriver ledger, final TurnedClock clock) {
            this.ledger = ledger;
            this.clock = clock;
            ledger.submit(Transaction.PUBLISH_POLICY.wireName(), LedgerContractSuite.DEFAULT_POLICY);
            ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), "g0", Fresh.accountHash());
            final StringBuilder entries = new StringBuilder();
            for (int i = 0; i < MEMBERS; i++) {
                final String id = "m" + i;
                ledger.submit(Transaction.REGISTER_MEMBER.wireName(), id, Fresh.accountHash(), "g0");
                members.add(id);
                balance.put(id, FUNDS);
                entries.append(i == 0 ? "" : ",")
                        .append(
                                "{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,\"scoreBps\":0}"
                                        .formatted(FUNDS, id));
            }
            ledger.submit(
                    Transaction.PAY_REWARD_CHUNK.wireName(),
                    ("{\"cycleEnd\":20,\"cycleId\":\"fund\",\"cycleStart\":10,\"entries\":[%s],\"entryCount\":%d,"
                                    + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                            .formatted(entries, MEMBERS, Fresh.accountHash()));
            supply = FUNDS * MEMBERS;
        }

        void apply(final Step step) {
            switch (step) {
                case Open o ->
                    open(member(o.payer()), other(o.payer(), o.offset()), o.unit(), o.length(), o.lifetime());
                case Redeem r -> redeem(r);
                case Close c -> close(c);
                case Pay p -> pay(member(p.from()), other(p.from(), p.offset()), p.amount());
                case Wait w -> clock.turn(w.millis());
            }
        }

        private void open(final String payer, final String payee, final long unit, final int length, final long life) {
            final String channelId = "ch" + counter++;
            final PaywordChain chain = LedgerContractSuite.chain(length);
            final long expiry = clock.millis() + life;
            final String[] args = {
                channelId,
                payer,
                payee,
                String.valueOf(unit),
                String.valueOf(length),
                chain.root(),
                String.valueOf(expiry)
            };
            if (balance.get(payer) < unit * length) {
                Statistics.label("open")
                        .collect(refused("INSUFFICIENT_FUNDS", Transaction.OPEN_CHANNEL.wireName(), args));
                return;
            }
            ledger.submit(Transaction.OPEN_CHANNEL.wireName(), args);
            balance.merge(payer, -unit * length, Long::sum);
            channels.add(new Tracked(channelId, payer, payee, unit, chain, expiry));
            redeemedIndex.put(channelId, 0L);
            closed.put(channelId, false);
            Statistics.label("open").collect("OPENED");
        }

        private void redeem(final Redeem step) {
            if (channels.isEmpty()) {
                return;
            }
            final Tracked channel = channels.get(step.channel() % channels.size());
            final long from = redeemedIndex.get(channel.channelId());
            final long to = Math.max(1, from + step.advance());
            final int wordIndex = (int) Math.min(to, channel.chain().length());
            final String word = step.forged()
                    ? LedgerContractSuite.chain(channel.chain().length()).word(wordIndex)
                    : channel.chain().word(wordIndex);
            final String[] args = {channel.channelId(), channel.payee(), String.valueOf(to), word};
            final String outcome;
            if (closed.get(channel.channelId())) {
                outcome = refused("CHANNEL_CLOSED", Transaction.REDEEM.wireName(), args);
            } else if (clock.millis() >= channel.expiry()) {
                outcome = refused("CHANNEL_EXPIRED", Transaction.REDEEM.wireName(), args);
            } else if (to > channel.chain().length()) {
                outcome = refused("PAYWORD_BEYOND_CHAIN", Transaction.REDEEM.wireName(), args);
            } else if (to <= from) {
                outcome = refused("PAYWORD_REPLAYED", Transaction.REDEEM.wireName(), args);
            } else if (step.forged()) {
                outcome = refused("PAYWORD_INVALID", Transaction.REDEEM.wireName(), args);
            } else {
                ledger.submit(Transaction.REDEEM.wireName(), args);
                balance.merge(channel.payee(), (to - from) * channel.unit(), Long::sum);
                redeemedIndex.put(channel.channelId(), to);
                outcome = "REDEEMED";
            }
            Statistics.label("redeem").collect(outcome);
        }

        private void close(final Close step) {
            if (channels.isEmpty()) {
                return;
            }
            final Tracked channel = channels.get(step.channel() % channels.size());
            final String actor = step.byPayee() ? channel.payee() : channel.payer();
            final String outcome;
            if (closed.get(channel.channelId())) {
                outcome = refused("CHANNEL_CLOSED", Transaction.CLOSE_CHANNEL.wireName(), channel.channelId(), actor);
            } else if (!step.byPayee() && clock.millis() < channel.expiry()) {
                outcome = refused(
                        "CHANNEL_NOT_EXPIRED", Transaction.CLOSE_CHANNEL.wireName(), channel.channelId(), actor);
            } else {
                ledger.submit(Transaction.CLOSE_CHANNEL.wireName(), channel.channelId(), actor);
                balance.merge(channel.payer(), locked(channel), Long::sum);
                closed.put(channel.channelId(), true);
                outcome = "CLOSED";
            }
            Statistics.label("close").collect(outcome);
        }

        private void pay(final String from, final String to, final long amount) {
            final String[] args = {"t" + counter++, from, to, String.valueOf(amount), ""};
            if (balance.get(from) < amount) {
                refused("INSUFFICIENT_FUNDS", Transaction.TRANSFER.wireName(), args);
                return;
            }
            ledger.submit(Transaction.TRANSFER.wireName(), args);
            balance.merge(from, -amount, Long::sum);
            balance.merge(to, amount, Long::sum);
        }

        void checkInvariants() {
            long balances = 0;
            for (final String member : members) {
                final long onLedger = ledger.evaluate(Transaction.GET_BALANCE.wireName(), member)
                        .get("balance")
                        .asLong();
                assertThat(onLedger).as("balance of %s", member).isNotNegative().isEqualTo(balance.get(member));
                balances += onLedger;
            }
            long locked = 0;
            for (final Tracked tracked : channels) {
                final JsonNode channel = ledger.evaluate(Transaction.GET_CHANNEL.wireName(), tracked.channelId());
                final long lockedHere = channel.get("locked").asLong();
                assertThat(lockedHere).as("locked in %s", tracked.channelId()).isEqualTo(locked(tracked));
                assertThat(channel.get("redeemed").asLong()
                                + channel.get("refunded").asLong()
                                + lockedHere)
                        .as("parts of the deposit of %s", tracked.channelId())
                        .isEqualTo(channel.get("deposit").asLong());
                locked += lockedHere;
            }
            final long totalSupply = ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName())
                    .get("totalSupply")
                    .asLong();
            assertThat(balances + locked).as("balances plus locked deposits").isEqualTo(totalSupply);
            assertThat(totalSupply).isEqualTo(supply);
        }

        private long locked(final Tracked channel) {
            return closed.get(channel.channelId())
                    ? 0
                    : (channel.chain().length() - redeemedIndex.get(channel.channelId())) * channel.unit();
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
