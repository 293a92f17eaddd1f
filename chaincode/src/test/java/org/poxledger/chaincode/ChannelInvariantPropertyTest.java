package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Random sequences of channel openings (direct channels and NetPay wallets), redeems (some replayed, forged, past the
 * end or past a Mini-Pay spending cap), split redeems of wallets between several payees (some whose shares do not add
 * up), spending limits, closes, transfers and clock moves on a fresh embedded ledger with a clock the test turns.
 * After every step the money adds up: the balances plus the deposits still locked in channels equal the total supply,
 * and each channel's redeemed, refunded and locked parts add up to its deposit.
 */
class ChannelInvariantPropertyTest {

    private static final int MEMBERS = 4;
    private static final long FUNDS = 1_000;
    private static final long START = 1_800_000_000_000L;

    private static final long DAYS = 86_400_000L;

    sealed interface Step permits Open, Redeem, Certify, Close, Pay, Wait {}

    record Open(int payer, int offset, long unit, int length, long lifetime, boolean wallet) implements Step {}

    /**
     * Redeems {@code advance} paywords past the channel's index; a forged one if asked. A wallet's redeem is split
     * between payees chosen by {@code split}, with one unit too few if {@code shortSplit}.
     */
    record Redeem(int channel, int advance, boolean forged, int split, boolean shortSplit) implements Step {}

    /** Certifies a spending limit of {@code units} paywords for today, from the redeemed index on. */
    record Certify(int channel, int units) implements Step {}

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
                        Arbitraries.oneOf(Arbitraries.longs().between(1, 5_000), Arbitraries.just(3 * DAYS)),
                        Arbitraries.of(false, true))
                .as(Open::new);
        final Arbitrary<Step> redeem = Combinators.combine(
                        index,
                        Arbitraries.integers().between(-2, 6),
                        Arbitraries.of(false, false, false, true),
                        index,
                        Arbitraries.of(false, false, false, true))
                .as(Redeem::new);
        final Arbitrary<Step> certify =
                Combinators.combine(index, Arbitraries.integers().between(1, 6)).as(Certify::new);
        final Arbitrary<Step> close =
                Combinators.combine(index, Arbitraries.of(true, false)).as(Close::new);
        final Arbitrary<Step> pay = Combinators.combine(
                        index, index, Arbitraries.longs().between(1, 400))
                .as(Pay::new);
        final Arbitrary<Step> wait = Arbitraries.longs().between(1, 3_000).map(Wait::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(4, open),
                        Tuple.of(6, redeem),
                        Tuple.of(2, certify),
                        Tuple.of(2, close),
                        Tuple.of(2, pay),
                        Tuple.of(1, wait))
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

    /** A channel as the model holds it; {@code payee} is null for a wallet. */
    private record Tracked(String channelId, String payer, String payee, long unit, PaywordChain chain, long expiry) {

        boolean wallet() {
            return payee == null;
        }
    }

    /** A registered spending limit: its terms, for a repeated registration, and the cap it left. */
    private record Limit(String day, long fromIndex, long limit) {}

    private static final class Model {

        private final LedgerDriver ledger;
        private final TurnedClock clock;
        private final List<String> members = new ArrayList<>();
        private final Map<String, Long> balance = new HashMap<>();
        private final List<Tracked> channels = new ArrayList<>();
        private final Map<String, Long> redeemedIndex = new HashMap<>();
        private final Map<String, Boolean> closed = new HashMap<>();
        private final Map<String, Long> cap = new HashMap<>();
        private final Map<String, Limit> lastLimit = new HashMap<>();
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
                    ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":20,\"cycleId\":\"fund\",\"cycleStart\":10,\"entries\":[%s],\"entryCount\":%d,"
                                    + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                            .formatted(entries, MEMBERS, Fresh.accountHash()));
            supply = FUNDS * MEMBERS;
        }

        void apply(final Step step) {
            switch (step) {
                case Open o ->
                    open(
                            member(o.payer()),
                            o.wallet() ? null : other(o.payer(), o.offset()),
                            o.unit(),
                            o.length(),
                            o.lifetime());
                case Redeem r -> redeem(r);
                case Certify c -> certify(c);
                case Close c -> close(c);
                case Pay p -> pay(member(p.from()), other(p.from(), p.offset()), p.amount());
                case Wait w -> clock.turn(w.millis());
            }
        }

        private void open(final String payer, final String payee, final long unit, final int length, final long life) {
            final String channelId = "ch" + counter++;
            final PaywordChain chain = LedgerContractSuite.chain(length);
            final long expiry = clock.millis() + life;
            final String transaction =
                    payee == null ? Transaction.OPEN_WALLET_CHANNEL.wireName() : Transaction.OPEN_CHANNEL.wireName();
            final List<String> argList = new ArrayList<>(List.of(channelId, payer));
            if (payee != null) {
                argList.add(payee);
            }
            argList.addAll(List.of(String.valueOf(unit), String.valueOf(length), chain.root(), String.valueOf(expiry)));
            final String[] args = argList.toArray(String[]::new);
            if (balance.get(payer) < unit * length) {
                Statistics.label("open").collect(refused("INSUFFICIENT_FUNDS", transaction, args));
                return;
            }
            ledger.submit(transaction, args);
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
            final Map<String, Long> shares =
                    channel.wallet() ? split(channel, Math.max(0, to - from) * channel.unit(), step) : Map.of();
            final String transaction =
                    channel.wallet() ? Transaction.REDEEM_SPLIT.wireName() : Transaction.REDEEM.wireName();
            final String[] args = channel.wallet()
                    ? new String[] {channel.channelId(), String.valueOf(to), word, sharesJson(shares)}
                    : new String[] {channel.channelId(), channel.payee(), String.valueOf(to), word};
            final long sum = shares.values().stream().mapToLong(Long::longValue).sum();
            final String outcome;
            if (channel.wallet() && shares.isEmpty()) {
                // the shares are checked before any state is read
                outcome = refused("SPLIT_INVALID", transaction, args);
            } else if (closed.get(channel.channelId())) {
                outcome = refused("CHANNEL_CLOSED", transaction, args);
            } else if (clock.millis() >= channel.expiry()) {
                outcome = refused("CHANNEL_EXPIRED", transaction, args);
            } else if (to > channel.chain().length()) {
                outcome = refused("PAYWORD_BEYOND_CHAIN", transaction, args);
            } else if (to <= from) {
                outcome = refused("PAYWORD_REPLAYED", transaction, args);
            } else if (cap.containsKey(channel.channelId()) && to > cap.get(channel.channelId())) {
                outcome = refused("SPENDING_LIMIT_EXCEEDED", transaction, args);
            } else if (channel.wallet() && sum != (to - from) * channel.unit()) {
                outcome = refused("SPLIT_SUM_MISMATCH", transaction, args);
            } else if (step.forged()) {
                outcome = refused("PAYWORD_INVALID", transaction, args);
            } else {
                ledger.submit(transaction, args);
                if (channel.wallet()) {
                    shares.forEach((payee, amount) -> balance.merge(payee, amount, Long::sum));
                } else {
                    balance.merge(channel.payee(), (to - from) * channel.unit(), Long::sum);
                }
                redeemedIndex.put(channel.channelId(), to);
                outcome = channel.wallet() ? "SPLIT " + shares.size() : "REDEEMED";
            }
            Statistics.label("redeem").collect(outcome);
        }

        /** Splits the amount between one to three members other than the payer, as evenly as units allow. */
        private Map<String, Long> split(final Tracked channel, final long amount, final Redeem step) {
            final List<String> payees =
                    members.stream().filter(m -> !m.equals(channel.payer())).toList();
            final int count = 1 + step.split() % payees.size();
            final long owed = step.shortSplit() ? amount - 1 : amount;
            final Map<String, Long> shares = new TreeMap<>();
            long left = owed;
            for (int i = 0; i < count && left > 0; i++) {
                final long share = i == count - 1 ? left : Math.max(1, owed / count);
                shares.put(payees.get((step.split() + i) % payees.size()), Math.min(share, left));
                left -= Math.min(share, left);
            }
            return shares;
        }

        private static String sharesJson(final Map<String, Long> shares) {
            final StringBuilder json = new StringBuilder("{\"shares\":[");
            shares.forEach((payee, amount) -> json.append(json.length() > 11 ? "," : "")
                    .append("{\"amount\":%d,\"payeeId\":\"%s\"}".formatted(amount, payee)));
            return json.append("]}").toString();
        }

        private void certify(final Certify step) {
            if (channels.isEmpty()) {
                return;
            }
            final Tracked channel = channels.get(step.channel() % channels.size());
            final LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            final long from = redeemedIndex.get(channel.channelId());
            final long limit = step.units() * channel.unit();
            final String[] args = {channel.channelId(), today.toString(), String.valueOf(from), String.valueOf(limit)};
            final String transaction = Transaction.CERTIFY_SPENDING.wireName();
            final Limit last = lastLimit.get(channel.channelId());
            final long redeemableUntil =
                    today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            final String outcome;
            if (closed.get(channel.channelId())) {
                outcome = refused("CHANNEL_CLOSED", transaction, args);
            } else if (clock.millis() >= channel.expiry()) {
                outcome = refused("CHANNEL_EXPIRED", transaction, args);
            } else if (last != null && last.day().equals(today.toString())) {
                if (last.fromIndex() == from && last.limit() == limit) {
                    ledger.submit(transaction, args);
                    outcome = "REPEATED";
                } else {
                    outcome = refused("SPENDING_CERTIFICATE_CONFLICT", transaction, args);
                }
            } else if (from >= channel.chain().length() || channel.expiry() < redeemableUntil) {
                outcome = refused("SPENDING_CERTIFICATE_INVALID", transaction, args);
            } else {
                final JsonNode change = ledger.submit(transaction, args);
                final long reach = Math.min(channel.chain().length(), from + step.units());
                cap.merge(channel.channelId(), reach, Math::max);
                lastLimit.put(channel.channelId(), new Limit(today.toString(), from, limit));
                assertThat(change.get("channel").get("spendingCap").asLong()).isEqualTo(cap.get(channel.channelId()));
                outcome = "CERTIFIED";
            }
            Statistics.label("certify").collect(outcome);
        }

        private void close(final Close step) {
            if (channels.isEmpty()) {
                return;
            }
            final Tracked channel = channels.get(step.channel() % channels.size());
            // a wallet has no payee of its own: a "payee" closing it is any other member, and a stranger to it
            final String actor = !step.byPayee()
                    ? channel.payer()
                    : channel.wallet() ? other(members.indexOf(channel.payer()), 0) : channel.payee();
            final String outcome;
            if (channel.wallet() && step.byPayee()) {
                outcome = refused(
                        "CHANNEL_PARTY_MISMATCH", Transaction.CLOSE_CHANNEL.wireName(), channel.channelId(), actor);
            } else if (closed.get(channel.channelId())) {
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
