package org.poxledger.platform.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poxledger.platform.payment.NetPayWalletIT.assertRefused;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.OfflinePayee;
import org.poxledger.payword.OfflinePayment;
import org.poxledger.payword.OfflinePaymentRefused;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.ReceiptVerifier;
import org.poxledger.payword.SpendingCertificate;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.PoxRig;

/**
 * Mini-Pay through the broker on the real chaincode (embedded ledger) and a real Neo4j: a daily spending certificate
 * the broker signs, a payee accepting offline up to its limit, and the ledger refusing to redeem past it.
 */
class MiniPayIT {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path keys;

    private PoxRig rig;
    private LedgerClient ledger;
    private PaymentBroker broker;
    private SpendingCertificates certificates;
    private SpendingCaps caps;

    /** g -> a -> b; one cycle paid: g has 12000. */
    @BeforeEach
    void membersWithMoney() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        ledger = new LedgerClient(rig.ledger);
        wire();
    }

    @AfterEach
    void closeLedger() {
        broker.close();
        rig.close();
    }

    @Test
    void a_payee_accepts_offline_up_to_the_certified_limit_and_nothing_past_it_is_ever_redeemed() {
        PaywordChain chain = NetPayWalletIT.chain(100);
        open("ch-1", chain, 10);
        broker.accept("g", new PaymentRequest("ch-1", 2, chain.word(2)));
        long a = rig.balance("a");

        SpendingCertificate certificate = certificates.issue("g", "ch-1", 50);
        OfflinePayee shop = new OfflinePayee(ReceiptVerifier.fromPublishedKey(broker.publishedKey()), rig.clock);
        OfflinePayment offline = shop.accept(certificate, chain.payment("ch-1", 4));
        OfflinePayment upToLimit = shop.accept(certificate, chain.payment("ch-1", 7));

        assertThat(certificate.day())
                .isEqualTo(LocalDate.now(rig.clock.withZone(ZoneOffset.UTC)).toString());
        assertThat(certificate.fromIndex())
                .as("the touchstone is the highest accepted word")
                .isEqualTo(2);
        assertThat(certificate.fromWord()).isEqualTo(chain.word(2));
        assertThat(offline.amount()).isEqualTo(20);
        assertThat(upToLimit.amount()).isEqualTo(30);
        assertThatThrownBy(() -> shop.accept(certificate, chain.payment("ch-1", 8)))
                .isInstanceOfSatisfying(OfflinePaymentRefused.class, e -> assertThat(e.reason())
                        .isEqualTo(OfflinePaymentRefused.Reason.SPENDING_LIMIT_EXCEEDED));
        assertThat(ledger.getChannel("ch-1").spendingCap()).isEqualTo(7);

        // back online, the payee hands its word to the broker; the payer cannot spend past the limit online either
        broker.accept("a", new PaymentRequest("ch-1", upToLimit.index(), upToLimit.payword()));
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-1", 8, chain.word(8))),
                ErrorCode.SPENDING_LIMIT_EXCEEDED,
                "index");
        assertThatThrownBy(() -> rig.submit(Transaction.REDEEM.wireName(), "ch-1", "a", "8", chain.word(8)))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("SPENDING_LIMIT_EXCEEDED"));
        assertThat(broker.settle("ch-1").redeemedIndex()).isEqualTo(7);
        assertThat(rig.balance("a")).isEqualTo(a + 70);
    }

    @Test
    void asking_again_today_returns_the_same_certificate_and_another_limit_or_member_is_refused() {
        PaywordChain chain = NetPayWalletIT.chain(100);
        open("ch-2", chain, 10);
        SpendingCertificate first = certificates.issue("g", "ch-2", 50);
        long blocks = rig.lastBlock();

        assertThat(certificates.issue("g", "ch-2", 50)).isEqualTo(first);
        assertThat(rig.lastBlock()).as("nothing submitted again").isEqualTo(blocks);
        assertRefused(() -> certificates.issue("g", "ch-2", 60), ErrorCode.SPENDING_CERTIFICATE_CONFLICT, "limit");
        assertRefused(() -> certificates.issue("a", "ch-2", 50), ErrorCode.CHANNEL_PARTY_MISMATCH, "channelId");
        assertRefused(() -> certificates.issue("g", "ch-2", 5), ErrorCode.SPENDING_CERTIFICATE_CONFLICT, "limit");
        PaywordChain other = NetPayWalletIT.chain(100);
        open("ch-3", other, 10);
        assertRefused(() -> certificates.issue("g", "ch-3", 5), ErrorCode.SPENDING_CERTIFICATE_INVALID, "limit");
        assertThat(ReceiptVerifier.fromPublishedKey(broker.publishedKey()).verify(first))
                .isTrue();
    }

    @Test
    void a_certificate_whose_limit_reached_the_ledger_before_a_kill_is_issued_with_the_same_terms_after() {
        PaywordChain chain = NetPayWalletIT.chain(100);
        open("ch-4", chain, 10);
        String today = LocalDate.now(rig.clock.withZone(ZoneOffset.UTC)).toString();
        // reserved and registered on the ledger, then the server was killed before signing
        new SpendingCertificateBook(rig.driver)
                .reserve(new SpendingCertificate("ch-4", "g", today, 0, chain.word(0), 10, 30, 0, null), 3);
        ledger.certifySpending("ch-4", today, 0, 30);
        broker.accept("g", new PaymentRequest("ch-4", 1, chain.word(1)));

        wire();
        SpendingCertificate issued = certificates.issue("g", "ch-4", 30);

        assertThat(issued.fromIndex())
                .as("the reserved terms, not the newer accepted index")
                .isZero();
        assertThat(issued.signature()).isNotNull();
        assertThat(ledger.getChannel("ch-4").spendingCap()).isEqualTo(3);
        assertRefused(
                () -> broker.accept("g", new PaymentRequest("ch-4", 4, chain.word(4))),
                ErrorCode.SPENDING_LIMIT_EXCEEDED,
                "index");
    }

    /** A fresh broker and certificate service over the same graph, ledger and journal, as after a restart. */
    private void wire() {
        if (broker != null) {
            broker.close();
        }
        PaymentProperties properties = PaymentProperties.withKeyFile(keys.resolve("broker.key"));
        BrokerKey key = BrokerKey.loadOrCreate(properties.brokerKeyFile());
        SpendingCertificateBook book = new SpendingCertificateBook(rig.driver);
        caps = new SpendingCaps(ledger, book);
        broker = new PaymentBroker(
                ledger,
                new ChannelBook(rig.driver),
                key,
                properties,
                rig.clock,
                Runnable::run,
                rig.channels,
                new WalletShares(rig.driver, ledger),
                caps);
        certificates = new SpendingCertificates(broker, book, caps, ledger, key, rig.clock);
    }

    private void open(String channelId, PaywordChain chain, long unit) {
        broker.open(
                "g",
                new OpenChannelRequest(
                        channelId, "a", unit, chain.length(), chain.root(), rig.clock.millis() + 3 * DAY));
    }
}
