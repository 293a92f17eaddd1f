package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.security.UserAccounts;
import org.poxledger.platform.wallet.Money;
import org.poxledger.platform.wallet.TransferRequest;
import org.poxledger.platform.wallet.TransferView;
import org.poxledger.platform.wallet.WalletService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(TransferPageController.class)
@Import(PayeeLookup.class)
class TransferPageControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "hash", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final MemberView BOB =
            new MemberView("m_bob", MemberStatus.ACTIVE, "m_alice", 1L, "Bob", "wechat:bob_01", null, List.of());

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WalletService wallet;

    @MockitoBean
    MemberRepository members;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @BeforeEach
    void ledger() {
        when(policies.currentRecord())
                .thenReturn(new PolicyRecord("hash", RewardPolicy.defaultPolicy(), 0L, "tx-policy", 1));
        when(wallet.balance("m_alice"))
                .thenReturn(new WalletService.Balance("m_alice", Money.of(10_000, RewardPolicy.DEFAULT_CURRENCY)));
        when(members.find("m_bob")).thenReturn(Optional.of(BOB));
        when(accounts.find("bob")).thenReturn(Optional.of(new PoxUser("bob", "h", Set.of(), "m_bob", true)));
    }

    @Test
    void every_render_of_the_form_carries_a_fresh_transfer_key_and_shows_the_balance() throws Exception {
        String first = page();
        String second = page();

        assertThat(first).contains("100.00 PXC").contains("<label for=\"amount\">Amount</label>");
        assertThat(key(first)).matches("pt_[A-Za-z0-9_-]{22}").isNotEqualTo(key(second));
    }

    @Test
    void pays_the_exact_minor_units_of_the_typed_amount_to_a_payee_named_by_username() throws Exception {
        when(wallet.transfer(eq("m_alice"), isNull(), any())).thenReturn(outcome(2550, true));

        mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .with(csrf())
                        .param("payee", "bob")
                        .param("amount", "25.5")
                        .param("memo", " lunch ")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("flash", "Paid 25.50 PXC to Bob."));

        ArgumentCaptor<TransferRequest> sent = ArgumentCaptor.forClass(TransferRequest.class);
        verify(wallet).transfer(eq("m_alice"), isNull(), sent.capture());
        assertThat(sent.getValue()).isEqualTo(new TransferRequest("pt_key1", "m_bob", 2550L, "lunch"));
    }

    @Test
    void a_second_submission_of_the_same_form_says_nothing_was_paid_twice() throws Exception {
        when(wallet.transfer(eq("m_alice"), isNull(), any())).thenReturn(outcome(2550, false));

        mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .with(csrf())
                        .param("payee", "m_bob")
                        .param("amount", "25.50")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute(
                                "flash",
                                "This transfer was made already (25.50 PXC to Bob); nothing" + " was paid twice."));
    }

    @Test
    void too_many_decimals_are_shown_next_to_the_amount_and_nothing_is_paid() throws Exception {
        String html = mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .with(csrf())
                        .param("payee", "bob")
                        .param("amount", "1.005")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "amount", "INVALID_AMOUNT"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains(
                        "<span class=\"error-text\" id=\"amount-error\">PXC has 2 decimals: &quot;1.005&quot; has 3.</span>")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"pt_key1\"");
        verify(wallet, never()).transfer(any(), any(), any());
    }

    @Test
    void an_unknown_payee_is_shown_next_to_the_payee_field() throws Exception {
        mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .with(csrf())
                        .param("payee", "nobody")
                        .param("amount", "1")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "payee", "MEMBER_NOT_FOUND"));
        verify(wallet, never()).transfer(any(), any(), any());
    }

    @Test
    void the_ledger_refusing_for_lack_of_funds_is_shown_next_to_the_amount_in_the_display_unit() throws Exception {
        when(wallet.transfer(eq("m_alice"), isNull(), any()))
                .thenThrow(new LedgerException(
                        "INSUFFICIENT_FUNDS",
                        "INSUFFICIENT_FUNDS: member m_alice has a balance of 10000, less than the 20000 to pay",
                        null));

        String html = mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .with(csrf())
                        .param("payee", "bob")
                        .param("amount", "200")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "amount", "INSUFFICIENT_FUNDS"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("Your balance is 100.00 PXC, less than the 200.00 PXC to pay.");
    }

    @Test
    void the_form_needs_a_csrf_token() throws Exception {
        mvc.perform(post("/transfer")
                        .with(user(ALICE))
                        .param("payee", "bob")
                        .param("amount", "1")
                        .param("idempotencyKey", "pt_key1"))
                .andExpect(status().isForbidden());
        verify(wallet, never()).transfer(any(), any(), any());
    }

    private String page() throws Exception {
        MvcResult result = mvc.perform(get("/transfer").with(user(ALICE)))
                .andExpect(status().isOk())
                .andReturn();
        return result.getResponse().getContentAsString();
    }

    private static String key(String html) {
        var matcher = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(matcher.find()).as("hidden idempotencyKey input").isTrue();
        return matcher.group(1);
    }

    private static WalletService.Outcome outcome(long amount, boolean created) {
        return new WalletService.Outcome(
                new TransferView(
                        "pt_key1",
                        "tx1",
                        TransferView.Direction.OUT,
                        "m_alice",
                        "m_bob",
                        Money.of(amount, RewardPolicy.DEFAULT_CURRENCY),
                        "lunch",
                        1L),
                created);
    }
}
