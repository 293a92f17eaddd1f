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
import java.util.Set;
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

@WebMvcTest(MyReferralsController.class)
class MyReferralsControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "-", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final PoxUser ADMIN = new PoxUser("root", "-", Set.of(PoxUser.ADMIN), null, true);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReferralTreeRepository tree;

    // the ledger-backed catalog is the application's PolicyCatalog (the portal's advice needs this very type)
    @MockitoBean
    LedgerPolicyCatalog policies;

    @Test
    void lists_the_tree_of_the_logged_in_member_whatever_member_id_the_request_names() throws Exception {
        when(policies.current()).thenReturn(RewardPolicy.defaultPolicy());
        when(tree.below("m_alice", 3, 0, 20))
                .thenReturn(new PageOf<>(
                        List.of(new ReferralNode("m_bob", "m_alice", 1, "Bob", "ACTIVE", 5, 0)), 0, 20, 1));

        mvc.perform(get("/api/v1/me/referrals").param("memberId", "m_mallory").with(user(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].memberId").value("m_bob"))
                .andExpect(jsonPath("$.total").value(1));
        verify(tree, never()).below(org.mockito.ArgumentMatchers.eq("m_mallory"), anyInt(), anyInt(), anyInt());
    }

    @Test
    void refuses_a_depth_beyond_the_policy_naming_the_field() throws Exception {
        when(policies.current()).thenReturn(RewardPolicy.defaultPolicy());

        mvc.perform(get("/api/v1/me/referrals").param("depth", "4").with(user(ALICE)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field").value("depth"));
        verify(tree, never()).below(anyString(), anyInt(), anyInt(), anyInt());
    }

    @Test
    void refuses_an_account_without_a_member() throws Exception {
        mvc.perform(get("/api/v1/me/referrals").with(user(ADMIN)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("NOT_A_MEMBER"));
        verify(tree, never()).below(anyString(), anyInt(), anyInt(), anyInt());
    }
}
