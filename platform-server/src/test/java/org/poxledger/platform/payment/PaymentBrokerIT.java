package org.poxledger.platform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.ChannelPayer;
import org.poxledger.payword.Payment;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.ReceiptVerifier;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.PoxRig;

/** The broker on the real chaincode (embedded ledger) with its channel book in a real Neo4j. */
class PaymentBrokerIT {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path keys;

    private PoxRig rig;
    private LedgerClient channels;
    private final AtomicInteger settlementsStarted = new AtomicInteger();
    private final List<PaymentBroker> brokers = new ArrayList<>();

    /** g -> a -> b, one cycle paid: g 12000, a 10000, b 0. */
    @BeforeEach
    void membersWithMoney() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        channels = new LedgerClient(rig.ledger);
    }

    @AfterEach
    void closeLedger() {
        brokers.forEach(PaymentBroker::close);
        rig.close();
    }

    @Test
    void ten_thousand_payments_are_checked_without_the_ledger_and_settle_in_one_redeem() {
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        ChannelPayer payer = open(broker, "ch-big", "g", "a", 1, 10_000);
        ReceiptVerifier verifier = ReceiptVerifier.fromPublishedKey(broker.publishedKey());
        long heightBefore = rig.lastBlock();

        Receipt last = null;
        for (int i = 0; i < 10_000; i++) {
            Payment payment = payer.pay(1);
            last = broker.accept("g", new PaymentRequest(payment.channelId(), payment.index(), payment.payword()));
        }

        assertThat(rig.lastBlock()).as("no ledger transaction while paying").isEqualTo(heightBefore);
        assertThat(payer.confirm(last, verifier)).isTrue();
        assertThat(last.amount()).isEqualTo(10_000);
        assertThat(broker.view("a", "ch-big").unsettledAmount()).isEqualTo(10_000);

        BrokeredChannel settled = broker.settle("ch-big");

        assertThat(rig.lastBlock()).as("one redeem for every payment").isEqualTo(heightBefore + 1);
        assertThat(settled.redeemedIndex()).isEqualTo(10_000);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 10_000);
        assertThat(rig.balance("g")).isEqualTo(12_000 - 10_000);
        ChannelView view = broker.view("g", "ch-big");
        assertThat(view.channel().redeemed()).isEqualTo(10_000);
        assertThat(view.unsettledAmount()).isZero();
        broker.settle("ch-big");
        assertThat(rig.lastBlock())
                .as("nothing new to redeem, nothing submitted")
                .isEqualTo(heightBefore + 1);
    }

    @Test
    void refuses_stale_duplicate_forged_overlong_and_foreign_payments_and_records_nothing() {
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        PaywordChain chain = chain();
        open(broker, "ch-1", "g", "a", 10, chain);
        broker.accept("g", new PaymentRequest("ch-1", 3, chain.word(3)));

        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 3, chain.word(3))),
                ErrorCode.PAYWORD_REPLAYED,
                "index");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 2, chain.word(2))),
                ErrorCode.PAYWORD_REPLAYED,
                "index");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 5, chain.word(6))),
                ErrorCode.PAYWORD_INVALID,
                "payword");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 5, chain().word(5))),
                ErrorCode.PAYWORD_INVALID,
                "payword");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 101, chain.word(100))),
                ErrorCode.PAYWORD_BEYOND_CHAIN,
                "index");
        assertRefused(
                () -> broker.accept("b", new PaymentRequest("ch-1", 4, chain.word(4))),
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                "channelId");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 4, "XYZ")), ErrorCode.VALIDATION_FAILED, "payword");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch 1", 4, chain.word(4))),
                ErrorCode.VALIDATION_FAILED,
                "channelId");
        assertThatThrownBy(() -> broker.accept("g", new PaymentRequest("ch-none", 1, chain.word(1))))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("CHANNEL_NOT_FOUND"));

        assertThat(broker.view("g", "ch-1").acceptedIndex()).isEqualTo(3);
        Receipt next = broker.accept("a", new PaymentRequest("ch-1", 4, chain.word(4)));
        assertThat(next.amount()).isEqualTo(40);
    }

    @Test
    void a_channel_reaching_the_threshold_is_redeemed_at_once() {
        PaymentBroker broker = broker(new PaymentProperties(keys.resolve("broker.key"), 50L, null, null, null));
        PaywordChain chain = chain();
        open(broker, "ch-2", "g", "a", 10, chain);

        broker.accept("g", new PaymentRequest("ch-2", 4, chain.word(4)));
        assertThat(channels.getChannel("ch-2").redeemedIndex()).isZero();
        broker.accept("g", new PaymentRequest("ch-2", 5, chain.word(5)));

        assertThat(settlementsStarted).hasValue(1);
        assertThat(channels.getChannel("ch-2").redeemedIndex()).isEqualTo(5);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 50);
    }

    @Test
    void channels_near_expiry_are_redeemed_and_no_payment_is_taken_too_close_to_it() {
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        PaywordChain soon = chain();
        PaywordChain later = chain();
        openUntil(
                broker,
                "ch-soon",
                soon,
                rig.clock.millis() + Duration.ofMinutes(5).toMillis());
        openUntil(broker, "ch-later", later, rig.clock.millis() + DAY);
        broker.accept("g", new PaymentRequest("ch-soon", 2, soon.word(2)));
        broker.accept("g", new PaymentRequest("ch-later", 3, later.word(3)));

        broker.settleExpiring();

        assertThat(channels.getChannel("ch-soon").redeemedIndex()).isEqualTo(2);
        assertThat(channels.getChannel("ch-later").redeemedIndex()).isZero();
        rig.clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-soon", 3, soon.word(3))),
                ErrorCode.CHANNEL_EXPIRED,
                "channelId");
    }

    @Test
    void after_a_crash_the_broker_resumes_from_what_it_recorded_and_pays_nothing_twice() {
        Path keyFile = keys.resolve("broker.key");
        PaymentBroker before = broker(PaymentProperties.withKeyFile(keyFile));
        PaywordChain chain = chain();
        open(before, "ch-3", "g", "a", 10, chain);
        before.accept("g", new PaymentRequest("ch-3", 6, chain.word(6)));
        // the redeem committed, but the broker died before recording it
        rig.submit(Transaction.REDEEM.wireName(), "ch-3", "a", "4", chain.word(4));
        // every acknowledged payment is in the journal; closing stands for the end of the process
        before.close();

        PaymentBroker after = broker(PaymentProperties.withKeyFile(keyFile));
        assertThat(after.reconcileAll()).isEqualTo(1);
        assertThat(after.publishedKey()).isEqualTo(before.publishedKey());
        assertRefused(
                () -> after.accept("g", new PaymentRequest("ch-3", 6, chain.word(6))),
                ErrorCode.PAYWORD_REPLAYED,
                "index");
        BrokeredChannel settled = after.settle("ch-3");

        assertThat(settled.redeemedIndex()).isEqualTo(6);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 60);
        after.accept("g", new PaymentRequest("ch-3", 7, chain.word(7)));

        // a second broker retrying the redeem the first one already made is refused by the ledger and aligns
        rig.submit(Transaction.REDEEM.wireName(), "ch-3", "a", "7", chain.word(7));
        after.close();
        PaymentBroker third = broker(PaymentProperties.withKeyFile(keyFile));
        assertThat(third.settle("ch-3").redeemedIndex()).isEqualTo(7);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 70);
    }

    @Test
    void the_payee_closing_redeems_first_and_the_rest_goes_back_to_the_payer() {
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        PaywordChain chain = chain();
        open(broker, "ch-4", "g", "a", 10, chain);
        broker.accept("g", new PaymentRequest("ch-4", 7, chain.word(7)));

        assertThatThrownBy(() -> broker.close("g", "ch-4"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("CHANNEL_NOT_EXPIRED"));
        ChannelView closed = broker.close("a", "ch-4");

        assertThat(closed.channel().status()).isEqualTo(ChannelStatus.CLOSED);
        assertThat(closed.channel().redeemed()).isEqualTo(70);
        assertThat(closed.channel().refunded()).isEqualTo(930);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 70);
        assertThat(rig.balance("g")).isEqualTo(12_000 - 70);
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-4", 8, chain.word(8))),
                ErrorCode.CHANNEL_CLOSED,
                "channelId");
        assertThat(rig.wallets.balances())
                .as("the graph's wallets follow the channel's money")
                .containsEntry("a", rig.balance("a"))
                .containsEntry("g", rig.balance("g"));
        rig.events().stream()
                .filter(event -> ChannelProjection.handles(event.name()))
                .forEach(rig.channels::apply);
        assertThat(rig.wallets.balances())
                .as("replaying the channel events changes nothing")
                .containsEntry("a", 10_000L + 70)
                .containsEntry("g", 12_000L - 70);
        ChannelHistory history = new ChannelHistory(rig.driver);
        assertThat(history.of("ch-4", 0, 10).items())
                .extracting(e -> e.action().name())
                .containsExactly("OPENED", "REDEEMED", "CLOSED");
        assertThat(history.of("ch-4", 0, 10).items())
                .as("the projected history is the ledger's")
                .isEqualTo(channels.getChannelHistory("ch-4", 10, "").items());
        assertThat(history.of("ch-4", 1, 2))
                .satisfies(page -> assertThat(page.total()).isEqualTo(3))
                .satisfies(page -> assertThat(page.items())
                        .extracting(e -> e.action().name())
                        .containsExactly("CLOSED"));
    }

    @Test
    void concurrent_payments_are_serialised_per_channel_and_recorded_in_group_commits() throws Exception {
        CountingBook book = new CountingBook(rig.driver);
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")), book);
        int channelCount = 16;
        int paymentsEach = 100;
        List<PaywordChain> chains = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            chains.add(chain());
            open(broker, "ch-par-" + c, "g", "a", 1, chains.get(c));
        }
        PaywordChain raced = chain();
        open(broker, "ch-race", "g", "a", 1, raced);
        Set<Long> racedWinners = ConcurrentHashMap.newKeySet();
        AtomicInteger racedRefusals = new AtomicInteger();

        try (ExecutorService payers = Executors.newFixedThreadPool(channelCount + 4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < channelCount; c++) {
                String channelId = "ch-par-" + c;
                PaywordChain chain = chains.get(c);
                running.add(payers.submit(() -> {
                    for (int i = 1; i <= paymentsEach; i++) {
                        broker.accept("g", new PaymentRequest(channelId, i, chain.word(i)));
                    }
                }));
            }
            // four clients send every index of one chain at the same moment: each index is accepted exactly once
            for (int racer = 0; racer < 4; racer++) {
                running.add(payers.submit(() -> {
                    for (int i = 1; i <= paymentsEach; i++) {
                        try {
                            racedWinners.add(broker.accept("g", new PaymentRequest("ch-race", i, raced.word(i)))
                                    .index());
                        } catch (Refusal e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.PAYWORD_REPLAYED);
                            racedRefusals.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> payer : running) {
                payer.get();
            }
        }

        assertThat(racedRefusals.get() + racedWinners.size()).isEqualTo(4 * paymentsEach);
        assertThat(racedWinners).hasSizeLessThanOrEqualTo(paymentsEach).contains((long) paymentsEach);
        for (int c = 0; c < channelCount; c++) {
            assertThat(broker.view("a", "ch-par-" + c).acceptedIndex()).isEqualTo(paymentsEach);
        }
        // the book follows the journal; closing writes what it still lacks
        broker.close();
        for (int c = 0; c < channelCount; c++) {
            BrokeredChannel stored = book.find("ch-par-" + c).orElseThrow();
            assertThat(stored.acceptedIndex()).isEqualTo(paymentsEach);
            assertThat(stored.acceptedWord()).isEqualTo(chains.get(c).word(paymentsEach));
        }
        assertThat(book.find("ch-race").orElseThrow().acceptedIndex()).isEqualTo(paymentsEach);
        int payments = channelCount * paymentsEach + racedWinners.size();
        assertThat(book.payments("ch-par-0")).isEqualTo(paymentsEach);
        assertThat(book.payments("ch-race")).isEqualTo(racedWinners.size());
        assertThat(book.commits.get())
                .as("%d payments, fewer Neo4j transactions behind the journal", payments)
                .isLessThan(payments);

        // a broker started afresh refuses what was acknowledged: every receipt was durable
        PaymentBroker restarted = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        assertRefused(
                () -> restarted.accept(
                        "g",
                        new PaymentRequest(
                                "ch-par-3", paymentsEach, chains.get(3).word(paymentsEach))),
                ErrorCode.PAYWORD_REPLAYED,
                "index");
    }

    @Test
    void a_payment_acknowledged_just_before_a_kill_is_recovered_from_the_journal_and_paid_once() throws Exception {
        Path keyFile = keys.resolve("broker.key");
        Path journal = keys.resolve("journal");
        ChannelBook lagging = new ChannelBook(rig.driver) {
            @Override
            Set<String> recordAccepted(List<AcceptedWord> words) {
                throw new IllegalStateException("Neo4j is behind: the kill comes before the book is written");
            }
        };
        PaymentBroker killed = broker(new PaymentProperties(keyFile, null, null, null, null, journal), lagging);
        PaywordChain chain = chain();
        open(killed, "ch-k", "g", "a", 10, chain);
        Receipt acknowledged = killed.accept("g", new PaymentRequest("ch-k", 5, chain.word(5)));
        assertThat(new ChannelBook(rig.driver).find("ch-k").orElseThrow().acceptedIndex())
                .as("the book has not heard of it")
                .isZero();

        // the disk as kill -9 left it: the journal's segments, forced before the receipt went out
        Path disk = keys.resolve("journal-after-kill");
        Files.createDirectories(disk);
        try (var files = Files.list(journal)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".journal")).toList()) {
                Files.copy(file, disk.resolve(file.getFileName()));
            }
        }
        PaymentBroker restarted = broker(new PaymentProperties(keyFile, null, null, null, null, disk));

        assertThat(new ChannelBook(rig.driver).find("ch-k").orElseThrow().acceptedIndex())
                .isEqualTo(acknowledged.index());
        assertRefused(
                () -> restarted.accept("g", new PaymentRequest("ch-k", 5, chain.word(5))),
                ErrorCode.PAYWORD_REPLAYED,
                "index");
        restarted.accept("g", new PaymentRequest("ch-k", 6, chain.word(6)));
        assertThat(restarted.settle("ch-k").redeemedIndex()).isEqualTo(6);
        assertThat(restarted.settle("ch-k").redeemedIndex()).isEqualTo(6);
        assertThat(rig.balance("a")).isEqualTo(10_000 + 60);
        try (var left = Files.list(disk)) {
            assertThat(left.filter(f -> f.toString().endsWith(".journal")))
                    .as("the replayed segments are gone, a fresh one is open")
                    .hasSize(1);
        }
    }

    @Test
    void a_batch_accepts_each_channel_s_payment_on_its_own_and_refuses_one_chain_twice() {
        PaymentBroker broker = broker(PaymentProperties.withKeyFile(keys.resolve("broker.key")));
        PaywordChain first = chain();
        PaywordChain second = chain();
        PaywordChain third = chain();
        open(broker, "ch-b1", "g", "a", 10, first);
        open(broker, "ch-b2", "g", "a", 10, second);
        open(broker, "ch-b3", "g", "a", 10, third);
        ReceiptVerifier verifier = ReceiptVerifier.fromPublishedKey(broker.publishedKey());

        List<PaymentOutcome> outcomes = broker.acceptAll(
                "a",
                List.of(
                        new PaymentRequest("ch-b1", 2, first.word(2)),
                        new PaymentRequest("ch-b2", 3, first.word(3)),
                        new PaymentRequest("ch-b3", 1, third.word(1))));

        assertThat(outcomes.get(0).receipt().amount()).isEqualTo(20);
        assertThat(verifier.verify(outcomes.get(0).receipt())).isTrue();
        assertThat(outcomes.get(1).receipt()).isNull();
        assertThat(outcomes.get(1).code()).isEqualTo("PAYWORD_INVALID");
        assertThat(outcomes.get(1).field()).isEqualTo("payword");
        assertThat(outcomes.get(2).receipt().index()).isEqualTo(1);
        assertThat(broker.view("g", "ch-b2").acceptedIndex()).isZero();
        assertRefused(
                () -> broker.acceptAll(
                        "a",
                        List.of(
                                new PaymentRequest("ch-b1", 3, first.word(3)),
                                new PaymentRequest("ch-b1", 4, first.word(4)))),
                ErrorCode.VALIDATION_FAILED,
                "payments");
        assertRefused(
                () -> broker.acceptAll(
                        "a", java.util.Arrays.asList(new PaymentRequest("ch-b2", 3, second.word(3)), null)),
                ErrorCode.VALIDATION_FAILED,
                "payments");
        assertThat(broker.view("g", "ch-b1").acceptedIndex())
                .as("nothing of a refused batch")
                .isEqualTo(2);
    }

    /** The real book, counting its group commits. */
    private static final class CountingBook extends ChannelBook {
        private final AtomicInteger commits = new AtomicInteger();
        private final Driver driver;

        CountingBook(Driver driver) {
            super(driver);
            this.driver = driver;
        }

        @Override
        Set<String> recordAccepted(List<AcceptedWord> words) {
            commits.incrementAndGet();
            return super.recordAccepted(words);
        }

        long payments(String channelId) {
            return driver.executableQuery("MATCH (c:PaymentChannel {channelId: $id}) RETURN c.acceptedPayments AS n")
                    .withParameters(Map.of("id", channelId))
                    .execute()
                    .records()
                    .getFirst()
                    .get("n")
                    .asLong();
        }
    }

    private PaymentBroker broker(PaymentProperties properties) {
        return broker(properties, new ChannelBook(rig.driver));
    }

    private PaymentBroker broker(PaymentProperties properties, ChannelBook book) {
        PaymentBroker broker = new PaymentBroker(
                channels,
                book,
                BrokerKey.loadOrCreate(properties.brokerKeyFile()),
                properties,
                rig.clock,
                task -> {
                    settlementsStarted.incrementAndGet();
                    task.run();
                },
                rig.channels,
                new WalletShares(rig.driver, channels),
                new SpendingCaps(channels, new SpendingCertificateBook(rig.driver)));
        brokers.add(broker);
        return broker;
    }

    private ChannelPayer open(PaymentBroker broker, String channelId, String payer, String payee, long unit, int n) {
        PaywordChain chain = PaywordChain.fromSeed(seed(), n);
        broker.open(payer, new OpenChannelRequest(channelId, payee, unit, n, chain.root(), rig.clock.millis() + DAY));
        return new ChannelPayer(channelId, chain, unit);
    }

    private void open(
            PaymentBroker broker, String channelId, String payer, String payee, long unit, PaywordChain chain) {
        broker.open(
                payer,
                new OpenChannelRequest(channelId, payee, unit, chain.length(), chain.root(), rig.clock.millis() + DAY));
    }

    private void openUntil(PaymentBroker broker, String channelId, PaywordChain chain, long expiresAt) {
        broker.open("g", new OpenChannelRequest(channelId, "a", 1, chain.length(), chain.root(), expiresAt));
    }

    private static PaywordChain chain() {
        return PaywordChain.fromSeed(seed(), 100);
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        return seed;
    }

    private static void assertRefused(Runnable call, ErrorCode code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
