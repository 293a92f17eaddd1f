package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyDocument;
import org.poxledger.platform.policy.PolicyDocument.CurrencyDocument;
import org.poxledger.platform.policy.PolicyDocument.TierDocument;
import org.poxledger.platform.policy.PolicyDraft;
import org.poxledger.platform.policy.PolicyDraftService;
import org.poxledger.platform.policy.PolicyInvalidException;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.PolicyViolation;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.reward.PolicyPreview;
import org.poxledger.platform.reward.PolicyPreviewService;
import org.poxledger.platform.security.PoxUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(AdminPolicyPageController.class)
class AdminPolicyPageControllerTest {

    private static final PoxUser ROOT = new PoxUser("root", "hash", Set.of(PoxUser.ADMIN), null, true);
    private static final PolicyRecord CURRENT = new PolicyRecord("hash", RewardPolicy.defaultPolicy(), 0L, "tx", 1);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PolicyDraftService drafts;

    @MockitoBean
    PolicyPreviewService previews;

    @MockitoBean
    LedgerPolicyCatalog catalog;

    @BeforeEach
    void policy() {
        when(catalog.currentRecord()).thenReturn(CURRENT);
        when(catalog.history()).thenReturn(List.of(CURRENT));
        when(drafts.draft())
                .thenReturn(new PolicyDraft(PolicyDocument.of(RewardPolicy.defaultPolicy()), 1, 0, null, false));
    }

    @Test
    void the_preview_charts_get_the_figures_of_both_policies_from_tables_that_stay_their_text_alternative()
            throws Exception {
        PolicyDraft saved = new PolicyDraft(PolicyDocument.of(RewardPolicy.defaultPolicy()), 1, 5, "root", true);
        when(drafts.savedDraft()).thenReturn(Optional.of(saved));
        when(catalog.refreshCurrent()).thenReturn(CURRENT);
        when(previews.previewDraft())
                .thenReturn(new PolicyPreview(
                        1,
                        4,
                        Map.of(1, 4L, 2, 0L, 3, 0L),
                        Map.of(1, 2L, 2, 2L),
                        new PolicyPreview.NextCycle(0, 10, 3, 2, 2, 32000, 80000, 48000)));

        String html = mvc.perform(get("/admin/policy/preview").with(user(ROOT)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("data-level=\"1\" data-current=\"4\" data-draft=\"2\"")
                .contains("data-level=\"2\" data-current=\"0\" data-draft=\"2\"")
                .as("a level only the current policy has: no draft figure, charted as 0")
                .contains("data-level=\"3\" data-current=\"0\" data-draft=\"0\"")
                .contains("<td class=\"num\">—</td>")
                .contains("id=\"cost-chart\"")
                .contains("data-current=\"32000\" data-draft=\"80000\"")
                .contains("data-decimals=\"2\" data-symbol=\"PXC\"")
                .contains("aria-describedby=\"cost-facts\"")
                .contains("320.00 PXC to 2 members")
                .as("Chart.js from its WebJar, the version added by the resource chain")
                .containsPattern("src=\"/webjars/chart\\.js/[0-9.]+/dist/chart\\.umd\\.min\\.js\"")
                .contains("src=\"/js/policy-charts.js\"")
                .doesNotContain("<script>");
        assertThat(html.indexOf("data-level=\"1\"")).isLessThan(html.indexOf("data-level=\"2\""));
        assertThat(html.indexOf("data-level=\"2\"")).isLessThan(html.indexOf("data-level=\"3\""));
    }

    @Test
    void saves_the_typed_draft_with_its_tier_rows_and_skips_blank_rows() throws Exception {
        mvc.perform(draft().param("tiers[0].level", "1")
                        .param("tiers[0].minScoreBps", "0")
                        .param("tiers[0].minDirect", "0")
                        .param("tiers[0].rateBps", "10000")
                        .param("tiers[1].level", "")
                        .param("tiers[1].minScoreBps", "")
                        .param("tiers[2].level", "2")
                        .param("tiers[2].minScoreBps", "20000")
                        .param("tiers[2].minDirect", "2")
                        .param("tiers[2].rateBps", "15000"))
                .andExpect(redirectedUrl("/admin/policy/preview"));

        ArgumentCaptor<PolicyDocument> saved = ArgumentCaptor.forClass(PolicyDocument.class);
        verify(drafts).save(saved.capture(), eq("root"));
        assertThat(saved.getValue())
                .isEqualTo(new PolicyDocument(
                        2,
                        List.of(10000, 4000),
                        List.of(10000, 1500),
                        20000L,
                        List.of(new TierDocument(1, 0L, 0L, 10000), new TierDocument(2, 20000L, 2L, 15000)),
                        new CurrencyDocument("PXC", 2)));
    }

    @Test
    void a_broken_rule_is_shown_next_to_the_cell_it_names_counting_blank_rows() throws Exception {
        when(drafts.save(any(), any()))
                .thenThrow(new PolicyInvalidException(List.of(
                        new PolicyViolation("tiers[1].rateBps", "must not be below the previous tier's 10000, was 900"),
                        new PolicyViolation(
                                "levelWeightBps[1]", "must be between 0 and 10000 basis points, was 12000"))));

        String html = mvc.perform(draft().param("tiers[0].level", "1")
                        .param("tiers[0].minScoreBps", "0")
                        .param("tiers[0].minDirect", "0")
                        .param("tiers[0].rateBps", "10000")
                        .param("tiers[2].level", "2")
                        .param("tiers[2].minScoreBps", "20000")
                        .param("tiers[2].minDirect", "2")
                        .param("tiers[2].rateBps", "900"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "tiers[2].rateBps", "levelWeightBps"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("Must not be below the previous tier&#39;s 10000, was 900.")
                .contains("Depth 2: Must be between 0 and 10000 basis points, was 12000.");
    }

    @Test
    void a_letter_in_a_number_field_is_a_field_error_and_nothing_is_saved() throws Exception {
        mvc.perform(draft().param("baseRewardUnits", "10k"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "baseRewardUnits", "NOT_A_NUMBER"));
        verify(drafts, never()).save(any(), any());
    }

    private static MockHttpServletRequestBuilder draft() {
        return post("/admin/policy/draft")
                .with(user(ROOT))
                .with(csrf())
                .param("maxDepth", "2")
                .param("levelWeightBps", "10000, 4000")
                .param("payoutShareBps", "10000,1500")
                .param("baseRewardUnits", "20000")
                .param("currencySymbol", "PXC")
                .param("currencyDecimals", "2");
    }
}
