package org.poxledger.platform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.ChannelKind;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.ReceiptVerifier;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.PoxRig;

/**
 * NetPay e-wallets through the broker on the real chaincode (embedded ledger) and a real Neo4j: one chain spent at
 * several payees, each settlement split between them on-chain in one transaction.
 */
class NetPayWalletIT {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path keys;

    private PoxRig rig;
    private LedgerClient ledger;
    /** The broker of the one server running; one journal directory admits one at a time. */
    private PaymentBroker running;

    /** g -> a -> b, c; one cycle paid: g has 12000. */
    @BeforeEach
    void membersWithMoney() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        rig.join("c", "a");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        ledger = new LedgerClient(rig.ledger);
    }

    @AfterEach
    void closeLedger() {
        if (running != null) {
            running.close();
        }
        rig.close();
    }

    @Test
    void a_wallet_spent_at_three_payees_settles_in_one_transaction_that_pays_each_its_share() {
        PaymentBroker broker = broker();
        PaywordChain chain = chain(1_000);
        ChannelView opened = openWallet(broker, "w-1", chain, 10);
        long a = rig.balance("a");
        long b = rig.balance("b");
        long c = rig.balance("c");
        long heightBefore = rig.lastBlock();

        pay(broker, "g", "w-1", chain, 1, 3, "a");
        pay(broker, "g", "w-1", chain, 4, 4, "b");
        Receipt last = pay(broker, "g", "w-1", chain, 5, 7, "a");
        pay(broker, "c", "w-1", chain, 8, 9, "c");
        BrokeredChannel settled = broker.settle("w-1");

        assertThat(opened.channel().kind()).isEqualTo(ChannelKind.WALLET);
        assertThat(ReceiptVerifier.fromPublishedKey(broker.publishedKey()).verify(last))
                .isTrue();
        assertThat(rig.lastBlock()).as("one split redeem for nine payments").isEqualTo(heightBefore + 1);
        assertThat(settled.redeemedIndex()).isEqualTo(9);
        assertThat(rig.balance("a")).isEqualTo(a + 60);
        assertThat(rig.balance("b")).isEqualTo(b + 10);
        assertThat(rig.balance("c")).isEqualTo(c + 20);
        List<ChannelEntry> history =
                new ChannelHistory(rig.driver).of("w-1", 0, 10).items();
        assertThat(history)
                .as("the projected history is the ledger's, a split redeem one entry with its shares")
                .isEqualTo(ledger.getChannelHistory("w-1", 10, "").items());
        ChannelEntry split = history.getLast();
        assertThat(split.amount()).isEqualTo(90);
        assertThat(split.shares())
                .containsExactly(new PayeeShare(60, "a"), new PayeeShare(10, "b"), new PayeeShare(20, "c"));
        assertThat(broker.walletShares("b", "w-1"))
                .containsExactly(
                        new WalletShares.PayeeAmounts("a", 60, 60),
                        new WalletShares.PayeeAmounts("b", 10, 10),
                        new WalletShares.PayeeAmounts("c", 20, 20));
        assertThat(rig.wallets.balances())
                .as("the graph's wallets follow the split")
                .containsEntry("a", rig.balance("a"))
                .containsEntry("b", rig.balance("b"))
                .containsEntry("c", rig.balance("c"))
                .containsEntry("g", rig.balance("g"));
    }

    @Test
    void the_next_settlement_starts_where_the_ledger_stands_even_inside_one_payees_run() {
        PaymentBroker broker = broker();
        PaywordChain chain = chain(100);
        openWallet(broker, "w-2", chain, 1);
        long a = rig.balance("a");
        long b = rig.balance("b");

        pay(broker, "g", "w-2", chain, 1, 4, "a");
        broker.settle("w-2");
        pay(broker, "g", "w-2", chain, 5, 6, "a");
        pay(broker, "g", "w-2", chain, 7, 7, "b");
        broker.settle("w-2");

        assertThat(rig.balance("a")).isEqualTo(a + 6);
        assertThat(rig.balance("b")).isEqualTo(b + 1);
        assertThat(new ChannelHistory(rig.driver).of("w-2", 0, 10).items())
                .extracting(ChannelEntry::amount)
                .containsExactly(100L, 4L, 3L);
        assertThat(broker.walletShares("g", "w-2"))
                .containsExactly(new WalletShares.PayeeAmounts("a", 6, 6), new WalletShares.PayeeAmounts("b", 1, 1));
    }

    @Test
    void more_payees_than_one_batch_credits_settle_in_several_transactions_each_split_on_chain() {
        PaymentBroker broker = broker(new WalletShares(rig.driver, ledger, 2));
        PaywordChain chain = chain(100);
        openWallet(broker, "w-6", chain, 1);
        long a = rig.balance("a");
        long b = rig.balance("b");
        long c = rig.balance("c");
        long heightBefore = rig.lastBlock();

        pay(broker, "g", "w-6", chain, 1, 2, "a");
        pay(broker, "g", "w-6", chain, 3, 3, "b");
        pay(broker, "g", "w-6", chain, 4, 4, "a");
        pay(broker, "g", "w-6", chain, 5, 7, "c");
        BrokeredChannel settled = broker.settle("w-6");

        assertThat(settled.redeemedIndex()).isEqualTo(7);
        assertThat(rig.lastBlock()).as("a and b first, then c").isEqualTo(heightBefore + 2);
        assertThat(new ChannelHistory(rig.driver)
                        .of("w-6", 0, 10).items().stream()
                                .filter(e -> e.shares() != null)
                                .toList())
                .extracting(ChannelEntry::toIndex, e -> e.shares().size())
                .containsExactly(tuple(4L, 2), tuple(7L, 1));
        assertThat(rig.balance("a")).isEqualTo(a + 3);
        assertThat(rig.balance("b")).isEqualTo(b + 1);
        assertThat(rig.balance("c")).isEqualTo(c + 3);
    }

    @Test
    void a_wallet_payment_must_name_a_payee_that_is_a_member_other_than_the_payer() {
        PaymentBroker broker = broker();
        PaywordChain chain = chain(100);
        openWallet(broker, "w-3", chain, 1);

        assertRefused(
                () -> broker.accept("g", new PaymentRequest("w-3", 1, chain.word(1))),
                ErrorCode.VALIDATION_FAILED,
                "payeeId");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("w-3", 1, chain.word(1), "g")),
                ErrorCode.SPLIT_INVALID,
                "payeeId");
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("w-3", 1, chain.word(1), "nobody")),
                ErrorCode.MEMBER_NOT_FOUND,
                "payeeId");
        assertRefused(
                () -> broker.accept("b", new PaymentRequest("w-3", 1, chain.word(1), "a")),
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                "channelId");
        assertRefused(() -> broker.walletShares("b", "w-3"), ErrorCode.CHANNEL_PARTY_MISMATCH, "channelId");

        assertThat(broker.view("g", "w-3").acceptedIndex()).isZero();
        broker.accept("b", new PaymentRequest("w-3", 2, chain.word(2), "b"));
        assertThat(broker.walletShares("b", "w-3")).containsExactly(new WalletShares.PayeeAmounts("b", 2, 0));
    }

    @Test
    void after_a_kill_mid_settlement_the_broker_resumes_from_the_ledger_and_pays_no_payee_twice() {
        PaymentBroker before = broker();
        PaywordChain chain = chain(100);
        openWallet(before, "w-4", chain, 5);
        pay(before, "g", "w-4", chain, 1, 2, "a");
        pay(before, "g", "w-4", chain, 3, 5, "b");
        long a = rig.balance("a");
        long b = rig.balance("b");
        // the split redeem committed, but the broker was killed before it recorded anything
        WalletShares.Batch batch = new WalletShares(rig.driver, ledger)
                .nextBatch(new ChannelBook(rig.driver).find("w-4").orElseThrow());
        ledger.redeemSplit("w-4", batch.index(), batch.word(), batch.shares());

        PaymentBroker after = broker();
        assertThat(after.reconcileAll()).isEqualTo(1);
        BrokeredChannel settled = after.settle("w-4");
        pay(after, "g", "w-4", chain, 6, 6, "a");
        after.settle("w-4");
        // a second broker retrying the batch the first one already made is refused by the ledger and aligns
        PaymentBroker third = broker();
        assertThat(third.settle("w-4").redeemedIndex()).isEqualTo(6);

        assertThat(batch.shares()).containsExactly(new PayeeShare(10, "a"), new PayeeShare(15, "b"));
        assertThat(settled.redeemedIndex()).isEqualTo(5);
        assertThat(rig.balance("a")).isEqualTo(a + 10 + 5);
        assertThat(rig.balance("b")).isEqualTo(b + 15);
        assertThat(broker().walletShares("a", "w-4"))
                .containsExactly(
                        new WalletShares.PayeeAmounts("a", 15, 15), new WalletShares.PayeeAmounts("b", 15, 15));
    }

    @Test
    void a_payee_cannot_close_a_wallet_and_the_payer_only_from_expiry_on() {
        PaymentBroker broker = broker();
        PaywordChain chain = chain(10);
        openWallet(broker, "w-5", chain, 1);
        pay(broker, "g", "w-5", chain, 1, 1, "a");

        assertThatThrownBy(() -> broker.close("a", "w-5"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("CHANNEL_PARTY_MISMATCH"));
        assertThatThrownBy(() -> broker.close("g", "w-5"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("CHANNEL_NOT_EXPIRED"));
        assertThat(ledger.getChannel("w-5").status()).isEqualTo(ChannelStatus.OPEN);
        assertThat(broker.settle("w-5").redeemedIndex()).isEqualTo(1);
    }

    private PaymentBroker broker() {
        return broker(new WalletShares(rig.driver, ledger));
    }

    /** A broker as a server (re)started over the same graph, ledger and journal: the one before it has stopped. */
    private PaymentBroker broker(WalletShares wallets) {
        if (running != null) {
            running.close();
        }
        PaymentProperties properties = PaymentProperties.withKeyFile(keys.resolve("broker.key"));
        running = new PaymentBroker(
                ledger,
                new ChannelBook(rig.driver),
                BrokerKey.loadOrCreate(properties.brokerKeyFile()),
                properties,
                rig.clock,
                Runnable::run,
                rig.channels,
                wallets,
                new SpendingCaps(ledger, new SpendingCertificateBook(rig.driver)));
        return running;
    }

    private ChannelView openWallet(PaymentBroker broker, String channelId, PaywordChain chain, long unit) {
        return broker.open(
                "g",
                new OpenWalletRequest(channelId, unit, chain.length(), chain.root(), rig.clock.millis() + DAY)
                        .asChannel());
    }

    /** Pays indexes {@code from..to} one by one to the payee, as {@code memberId}. */
    private static Receipt pay(
            PaymentBroker broker,
            String memberId,
            String channelId,
            PaywordChain chain,
            int from,
            int to,
            String payee) {
        Receipt receipt = null;
        for (int i = from; i <= to; i++) {
            receipt = broker.accept(memberId, new PaymentRequest(channelId, i, chain.word(i), payee));
        }
        return receipt;
    }

    static PaywordChain chain(int length) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return PaywordChain.fromSeed(seed, length);
    }

    static void assertRefused(Runnable call, ErrorCode code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
