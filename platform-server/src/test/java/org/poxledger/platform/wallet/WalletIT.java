package org.poxledger.platform.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.PoxRig;
import org.poxledger.platform.web.PageOf;

/** Transfers on the real chaincode (embedded) with the graph projection in a real Neo4j. */
class WalletIT {

    private PoxRig rig;
    private WalletService wallet;

    /** g -> a -> b, one cycle paid: g 12000 (1 + 0.2 weighted events), a 10000, b 0. */
    @BeforeEach
    void membersWithMoney() {
        rig = PoxRig.start(RewardProperties.defaults());
        wallet = rig.wallet;
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
    }

    @AfterEach
    void closeLedger() {
        rig.close();
    }

    @Test
    void a_transfer_retried_with_the_same_idempotency_key_moves_the_money_once() {
        TransferRequest request = new TransferRequest(null, "b", 2500L, "lunch");

        WalletService.Outcome first = wallet.transfer("g", "key-1", request);
        WalletService.Outcome retry = wallet.transfer("g", "key-1", request);

        assertThat(first.created()).isTrue();
        assertThat(retry.created()).isFalse();
        assertThat(retry.transfer().txId()).isEqualTo(first.transfer().txId());
        assertThat(first.transfer().direction()).isEqualTo(TransferView.Direction.OUT);
        assertThat(first.transfer().amount().display()).isEqualTo("25.00 PXC");
        assertThat(rig.balance("g")).isEqualTo(12000 - 2500);
        assertThat(rig.balance("b")).isEqualTo(2500);
        assertThat(rig.wallets.balances()).containsEntry("g", 9500L).containsEntry("b", 2500L);
        assertThat(wallet.balance("g").balance().display()).isEqualTo("95.00 PXC");
    }

    @Test
    void the_key_may_come_in_the_body_instead_of_the_header_but_not_differently_in_both() {
        WalletService.Outcome viaBody = wallet.transfer("a", null, new TransferRequest("key-2", "b", 100L, null));

        assertThat(viaBody.transfer().transferId()).isEqualTo("key-2");
        assertThatThrownBy(() -> wallet.transfer("a", "key-3", new TransferRequest("key-4", "b", 100L, null)))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code().name()).isEqualTo("IDEMPOTENCY_KEY_MISMATCH");
                    assertThat(e.field()).isEqualTo("transferId");
                });
        assertThatThrownBy(() -> wallet.transfer("a", null, new TransferRequest(null, "b", 100L, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("transferId"));
        assertThatThrownBy(() -> wallet.transfer("a", "not a valid key!", new TransferRequest(null, "b", 1L, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("transferId"));
        assertThat(rig.balance("a")).isEqualTo(10000 - 100);
    }

    @Test
    void reusing_a_key_for_another_transfer_is_refused_and_moves_nothing() {
        wallet.transfer("g", "key-5", new TransferRequest(null, "b", 100L, null));

        assertThatThrownBy(() -> wallet.transfer("g", "key-5", new TransferRequest(null, "b", 200L, null)))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("TRANSFER_ID_CONFLICT"));
        assertThat(rig.balance("g")).isEqualTo(12000 - 100);
    }

    @Test
    void refuses_an_unknown_payee_the_payer_itself_and_more_than_the_balance() {
        assertThatThrownBy(() -> wallet.transfer("a", "k6", new TransferRequest(null, "nobody", 1L, null)))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code().name()).isEqualTo("MEMBER_NOT_FOUND");
                    assertThat(e.field()).isEqualTo("toMemberId");
                });
        assertThatThrownBy(() -> wallet.transfer("a", "k7", new TransferRequest(null, "a", 1L, null)))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code().name()).isEqualTo("SELF_TRANSFER"));
        assertThatThrownBy(() -> wallet.transfer("a", "k8", new TransferRequest(null, "b", 10001L, null)))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_FUNDS"));
        assertThat(rig.balance("a")).isEqualTo(10000);
        assertThat(rig.balance("b")).isZero();
    }

    @Test
    void pages_through_the_history_of_both_directions() {
        wallet.transfer("g", "t1", new TransferRequest(null, "a", 1L, "one"));
        wallet.transfer("a", "t2", new TransferRequest(null, "g", 2L, "two"));
        wallet.transfer("g", "t3", new TransferRequest(null, "b", 3L, "three"));

        PageOf<TransferView> first = wallet.history("g", 0, 2);
        PageOf<TransferView> second = wallet.history("g", 1, 2);

        assertThat(first.items()).extracting(TransferView::transferId).containsExactly("t1", "t2");
        assertThat(first.items())
                .extracting(TransferView::direction)
                .containsExactly(TransferView.Direction.OUT, TransferView.Direction.IN);
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.items()).extracting(TransferView::transferId).containsExactly("t3");
        assertThat(second.total()).isEqualTo(3);
        assertThat(wallet.history("g", 2, 2).items()).isEmpty();
        assertThat(wallet.newest("g", 2)).extracting(TransferView::transferId).containsExactly("t3", "t2");
        assertThat(wallet.history("b", 0, 10).items()).singleElement().satisfies(t -> {
            assertThat(t.memo()).isEqualTo("three");
            assertThat(t.amount().minorUnits()).isEqualTo(3);
            assertThat(t.direction()).isEqualTo(TransferView.Direction.IN);
        });
        assertThatThrownBy(() -> wallet.history("g", 0, 0))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("size"));
        assertThatThrownBy(() -> wallet.history("g", -1, 10))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("page"));
        assertThat(wallet.totalSupply().minorUnits()).isEqualTo(22000);
    }
}
