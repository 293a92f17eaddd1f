package org.poxledger.platform.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.Receipt;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The payment endpoints speak receipts and problem details; the broker behind them is a mock (a unit boundary). */
@WebMvcTest({PaymentController.class, ChannelController.class, BrokerKeyController.class})
class PaymentControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "-", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final PoxUser ADMIN = new PoxUser("root", "-", Set.of(PoxUser.ADMIN), null, true);
    private static final String WORD = "2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e";
    private static final String BODY = "{\"channelId\":\"ch-1\",\"index\":3,\"payword\":\"" + WORD + "\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PaymentBroker broker;

    @MockitoBean
    ChannelHistory history;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @Test
    void answers_an_accepted_payment_with_the_signed_receipt_of_the_logged_in_member() throws Exception {
        when(broker.accept(eq("m_alice"), eq(new PaymentRequest("ch-1", 3, WORD))))
                .thenReturn(new Receipt("ch-1", 3, 30, 1_800_000_000_000L, "c2ln"));

        mvc.perform(post("/api/v1/payments")
                        .with(user(ALICE))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channelId").value("ch-1"))
                .andExpect(jsonPath("$.index").value(3))
                .andExpect(jsonPath("$.amount").value(30))
                .andExpect(jsonPath("$.acceptedAt").value(1_800_000_000_000L))
                .andExpect(jsonPath("$.signature").value("c2ln"));
    }

    @Test
    void a_stale_payment_is_a_conflict_naming_its_code_and_field() throws Exception {
        when(broker.accept(eq("m_alice"), any()))
                .thenThrow(Refusal.of(ErrorCode.PAYWORD_REPLAYED, "index", "index 3 of channel ch-1 is stale"));

        mvc.perform(post("/api/v1/payments")
                        .with(user(ALICE))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYWORD_REPLAYED"))
                .andExpect(jsonPath("$.field").value("index"))
                .andExpect(jsonPath("$.detail").value("index 3 of channel ch-1 is stale"));
    }

    @Test
    void an_unknown_channel_is_not_found_and_a_payer_closing_early_is_a_conflict() throws Exception {
        when(broker.view("m_alice", "ch-9"))
                .thenThrow(new LedgerException(
                        "CHANNEL_NOT_FOUND", "CHANNEL_NOT_FOUND: channel ch-9 does not exist", null));
        when(broker.close("m_alice", "ch-1"))
                .thenThrow(new LedgerException(
                        "CHANNEL_NOT_EXPIRED",
                        "CHANNEL_NOT_EXPIRED: payer m_alice may close channel ch-1 later",
                        null));

        mvc.perform(get("/api/v1/me/channels/ch-9").with(user(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("CHANNEL_NOT_FOUND"));
        mvc.perform(post("/api/v1/me/channels/ch-1/close").with(user(ALICE)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CHANNEL_NOT_EXPIRED"));
    }

    @Test
    void an_account_without_a_member_cannot_pay() throws Exception {
        mvc.perform(post("/api/v1/payments")
                        .with(user(ADMIN))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_MEMBER"));
    }

    @Test
    void publishes_the_broker_key_with_the_layout_of_the_signed_text() throws Exception {
        when(broker.publishedKey()).thenReturn("MCowBQYDK2VwAyEA");

        mvc.perform(get("/api/v1/public/payments/broker-key").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.algorithm").value("Ed25519"))
                .andExpect(jsonPath("$.publicKey").value("MCowBQYDK2VwAyEA"))
                .andExpect(jsonPath("$.receiptFormat").value(Receipt.FORMAT));
    }
}
