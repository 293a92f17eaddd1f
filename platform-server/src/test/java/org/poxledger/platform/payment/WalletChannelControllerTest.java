package org.poxledger.platform.payment;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelKind;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.SpendingCertificate;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The wallet and Mini-Pay endpoints speak channels, shares, certificates and problem details; the broker and the
 * certificate service behind them are mocks (a unit boundary).
 */
@WebMvcTest({WalletChannelController.class, SpendingCertificateController.class, PaymentController.class})
class WalletChannelControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "-", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final String WORD = "2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PaymentBroker broker;

    @MockitoBean
    SpendingCertificates certificates;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @Test
    void opens_a_wallet_for_the_logged_in_payer_without_a_payee() throws Exception {
        Channel wallet = new Channel(
                null,
                10,
                "w-1",
                null,
                null,
                10,
                1_900_000_000_000L,
                ChannelKind.WALLET,
                WORD,
                10,
                1,
                "tx-1",
                null,
                "m_alice",
                0,
                0,
                0,
                WORD,
                null,
                ChannelStatus.OPEN,
                1);
        when(broker.open("m_alice", new OpenChannelRequest("w-1", null, 1, 10, WORD, 1_900_000_000_000L)))
                .thenReturn(new ChannelView(wallet, 0, 0, 0));

        mvc.perform(post("/api/v1/me/wallets")
                        .with(user(ALICE))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channelId\":\"w-1\",\"unit\":1,\"chainLength\":10,\"root\":\"" + WORD
                                + "\",\"expiresAt\":1900000000000}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.channel.kind").value("WALLET"))
                .andExpect(jsonPath("$.channel.payerId").value("m_alice"));
    }

    @Test
    void a_wallet_payment_names_its_payee_and_past_the_spending_limit_is_a_conflict() throws Exception {
        when(broker.accept("m_alice", new PaymentRequest("w-1", 3, WORD, "m_shop")))
                .thenReturn(new Receipt("w-1", 3, 3, 1_800_000_000_000L, "c2ln"));
        when(broker.accept("m_alice", new PaymentRequest("w-1", 9, WORD, "m_shop")))
                .thenThrow(Refusal.of(ErrorCode.SPENDING_LIMIT_EXCEEDED, "index", "index 9 of w-1 is past 7"));

        mvc.perform(post("/api/v1/payments")
                        .with(user(ALICE))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(payment(3)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value(3));
        mvc.perform(post("/api/v1/payments")
                        .with(user(ALICE))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(payment(9)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SPENDING_LIMIT_EXCEEDED"))
                .andExpect(jsonPath("$.field").value("index"));
    }

    @Test
    void lists_what_each_payee_of_a_wallet_was_paid_and_refuses_a_direct_channel() throws Exception {
        when(broker.walletShares("m_alice", "w-1"))
                .thenReturn(List.of(new WalletShares.PayeeAmounts("m_shop", 30, 20)));
        when(broker.walletShares("m_alice", "ch-1"))
                .thenThrow(Refusal.of(ErrorCode.CHANNEL_KIND_MISMATCH, "channelId", "ch-1 is not a wallet"));

        mvc.perform(get("/api/v1/me/wallets/w-1/shares").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].payeeId").value("m_shop"))
                .andExpect(jsonPath("$[0].accepted").value(30))
                .andExpect(jsonPath("$[0].settled").value(20));
        mvc.perform(get("/api/v1/me/wallets/ch-1/shares").with(user(ALICE)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CHANNEL_KIND_MISMATCH"));
    }

    @Test
    void issues_todays_spending_certificate_and_refuses_another_limit_or_one_below_a_unit() throws Exception {
        when(certificates.issue("m_alice", "ch-1", 500))
                .thenReturn(new SpendingCertificate("ch-1", "m_alice", "2026-12-01", 2, WORD, 10, 500, 7, "c2ln"));
        when(certificates.issue("m_alice", "ch-1", 600))
                .thenThrow(Refusal.of(ErrorCode.SPENDING_CERTIFICATE_CONFLICT, "limit", "today has 500"));
        when(certificates.issue(eq("m_alice"), eq("ch-1"), eq(5L)))
                .thenThrow(Refusal.of(ErrorCode.SPENDING_CERTIFICATE_INVALID, "limit", "5 is less than 10"));

        mvc.perform(certificate(500))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.day").value("2026-12-01"))
                .andExpect(jsonPath("$.fromIndex").value(2))
                .andExpect(jsonPath("$.fromWord").value(WORD))
                .andExpect(jsonPath("$.limit").value(500))
                .andExpect(jsonPath("$.signature").value("c2ln"));
        mvc.perform(certificate(600))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("SPENDING_CERTIFICATE_CONFLICT"))
                .andExpect(jsonPath("$.field").value("limit"));
        mvc.perform(certificate(5))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("SPENDING_CERTIFICATE_INVALID"));
    }

    private static String payment(int index) {
        return "{\"channelId\":\"w-1\",\"index\":" + index + ",\"payword\":\"" + WORD + "\",\"payeeId\":\"m_shop\"}";
    }

    private static RequestBuilder certificate(long limit) {
        return post("/api/v1/me/channels/ch-1/spending-certificate")
                .with(user(ALICE))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"limit\":" + limit + "}");
    }
}
