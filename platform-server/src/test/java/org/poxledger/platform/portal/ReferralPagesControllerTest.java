package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.referral.ReferralNode;
import org.poxledger.platform.referral.ReferralTreeRepository;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReferralPagesController.class)
class ReferralPagesControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "hash", Set.of(PoxUser.MEMBER), "m_alice", true);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReferralTreeRepository tree;

    @MockitoBean
    MemberRepository members;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @BeforeEach
    void policy() {
        when(policies.current()).thenReturn(RewardPolicy.defaultPolicy());
        when(tree.countsPerDepth("m_alice", 3)).thenReturn(List.of(2L, 28L, 0L));
    }

    @Test
    void nests_each_member_under_a_recommender_on_the_same_page_and_names_the_others_recommender() throws Exception {
        when(tree.below("m_alice", 3, 1, ReferralPagesController.PAGE_SIZE))
                .thenReturn(new PageOf<>(
                        List.of(
                                node("m_bob", "m_alice", 1, "Bob"),
                                node("m_erin", "m_alice", 1, "Erin"),
                                node("m_carol", "m_bob", 2, "Carol"),
                                node("m_dave", "m_frank", 2, "Dave")),
                        1,
                        ReferralPagesController.PAGE_SIZE,
                        30));
        when(members.find("m_frank"))
                .thenReturn(Optional.of(new MemberView(
                        "m_frank", MemberStatus.VERIFIED, "m_alice", 1L, "Frank", null, null, List.of())));

        String html = mvc.perform(get("/referrals").param("page", "1").with(user(ALICE)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        int bob = html.indexOf(">Bob<");
        int carol = html.indexOf(">Carol<");
        int erin = html.indexOf(">Erin<");
        int dave = html.indexOf(">Dave<");
        assertThat(bob).isPositive().isLessThan(carol);
        assertThat(carol).isLessThan(erin);
        assertThat(erin).isLessThan(dave);
        assertThat(html.substring(bob, carol))
                .as("Carol in a list nested under Bob")
                .contains("<ul>");
        assertThat(html.substring(erin)).contains("under Frank");
        assertThat(html).contains("30 members").contains("(page 2 of 2)");
    }

    @Test
    void a_depth_beyond_the_policy_is_explained_and_the_policy_depth_shown() throws Exception {
        when(tree.below("m_alice", 3, 0, ReferralPagesController.PAGE_SIZE))
                .thenReturn(new PageOf<>(List.of(), 0, ReferralPagesController.PAGE_SIZE, 0));

        String html = mvc.perform(get("/referrals").param("depth", "7").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(model().attribute("depth", 3))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("Choose a depth between 1 and 3.").contains("aria-invalid=\"true\"");
    }

    @Test
    void the_tree_picture_gets_the_counts_per_depth_and_where_to_load_branches_from() throws Exception {
        when(tree.below("m_alice", 3, 0, ReferralPagesController.PAGE_SIZE))
                .thenReturn(new PageOf<>(
                        List.of(node("m_bob", "m_alice", 1, "Bob")), 0, ReferralPagesController.PAGE_SIZE, 30));

        String html = mvc.perform(get("/referrals").with(user(ALICE)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("data-depth=\"1\" data-members=\"2\"")
                .contains("data-depth=\"2\" data-members=\"28\"")
                .contains("data-depth=\"3\" data-members=\"0\"")
                .contains("data-root-id=\"m_alice\"")
                .contains("data-children-url=\"/referrals/\"")
                .contains("data-page-size=\"50\"")
                .contains("data-max-depth=\"3\"")
                .containsPattern("src=\"/webjars/d3/[0-9.]+/dist/d3\\.min\\.js\"")
                .contains("src=\"/js/referral-tree.js\"")
                .doesNotContain("<script>");
    }

    private static ReferralNode node(String id, String recommender, int depth, String name) {
        return new ReferralNode(id, recommender, depth, name, "ACTIVE", 1L, 0);
    }
}
