package org.poxledger.platform.referral;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReferralBranchesController.class)
class ReferralBranchesControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "-", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final PoxUser ADMIN = new PoxUser("root", "-", Set.of(PoxUser.ADMIN), null, true);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReferralTreeRepository tree;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @BeforeEach
    void policy() {
        when(policies.current()).thenReturn(RewardPolicy.defaultPolicy());
    }

    @Test
    void lists_a_page_of_the_recommendees_of_a_member_of_my_tree_one_depth_below_them() throws Exception {
        when(tree.depthBelow("m_alice", "m_bob")).thenReturn(OptionalInt.of(1));
        when(tree.recommendees("m_bob", 1, 2, 10))
                .thenReturn(new PageOf<>(
                        List.of(new ReferralNode("m_dave", "m_bob", 2, "Dave", "ACTIVE", 7, 3)), 2, 10, 21));

        mvc.perform(get("/api/v1/me/referrals/m_bob/recommendees")
                        .param("page", "2")
                        .param("size", "10")
                        .with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].memberId").value("m_dave"))
                .andExpect(jsonPath("$.items[0].depth").value(2))
                .andExpect(jsonPath("$.items[0].direct").value(3))
                .andExpect(jsonPath("$.total").value(21));
    }

    @Test
    void the_portal_reads_the_same_branch_with_its_session() throws Exception {
        when(tree.depthBelow("m_alice", "m_alice")).thenReturn(OptionalInt.of(0));
        when(tree.recommendees("m_alice", 0, 0, 50))
                .thenReturn(new PageOf<>(
                        List.of(new ReferralNode("m_bob", "m_alice", 1, "Bob", "ACTIVE", 5, 1)), 0, 50, 1));

        mvc.perform(get("/referrals/m_alice/recommendees").param("size", "50").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.items[0].displayName").value("Bob"));
    }

    @Test
    void refuses_a_member_outside_my_tree_as_not_found_and_reads_no_branch() throws Exception {
        when(tree.depthBelow("m_alice", "m_mallory")).thenReturn(OptionalInt.empty());

        mvc.perform(get("/api/v1/me/referrals/m_mallory/recommendees").with(user(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MEMBER_NOT_FOUND"))
                .andExpect(jsonPath("$.field").value("memberId"));
        verify(tree, never()).recommendees(anyString(), anyInt(), anyInt(), anyInt());
    }

    @Test
    void refuses_a_member_at_the_deepest_counted_level_whose_recommendees_the_policy_does_not_count() throws Exception {
        when(tree.depthBelow("m_alice", "m_deep")).thenReturn(OptionalInt.of(3));

        mvc.perform(get("/referrals/m_deep/recommendees").with(user(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MEMBER_NOT_FOUND"));
        verify(tree, never()).recommendees(anyString(), anyInt(), anyInt(), anyInt());
    }

    @Test
    void refuses_a_page_size_beyond_the_maximum_naming_the_field() throws Exception {
        mvc.perform(get("/api/v1/me/referrals/m_alice/recommendees")
                        .param("size", "101")
                        .with(user(ALICE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field").value("size"));
        verify(tree, never()).recommendees(anyString(), anyInt(), anyInt(), anyInt());
    }

    @Test
    void refuses_an_account_without_a_member() throws Exception {
        mvc.perform(get("/api/v1/me/referrals/m_alice/recommendees").with(user(ADMIN)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_MEMBER"));
    }

    @Test
    void counts_my_members_per_depth_down_to_the_policy_depth() throws Exception {
        when(tree.countsPerDepth("m_alice", 3)).thenReturn(List.of(2L, 1L, 0L));

        mvc.perform(get("/api/v1/me/referrals/depths").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].depth").value(1))
                .andExpect(jsonPath("$[0].members").value(2))
                .andExpect(jsonPath("$[2].depth").value(3))
                .andExpect(jsonPath("$[2].members").value(0));
    }
}
