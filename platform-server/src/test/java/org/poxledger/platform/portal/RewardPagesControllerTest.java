package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.reward.MemberRewardService;
import org.poxledger.platform.reward.MerkleProof;
import org.poxledger.platform.security.PoxUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RewardPagesController.class)
class RewardPagesControllerTest {

    private static final PoxUser ALICE = new PoxUser("alice", "hash", Set.of(PoxUser.MEMBER), "m_alice", true);
    private static final PoxUser ROOT = new PoxUser("root", "hash", Set.of(PoxUser.ADMIN), null, true);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MemberRewardService rewards;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @Test
    void a_proof_that_does_not_reach_the_on_chain_root_says_so() throws Exception {
        when(policies.currentRecord())
                .thenReturn(new PolicyRecord("hash", RewardPolicy.defaultPolicy(), 0L, "tx-policy", 1));
        RewardLine entry = new RewardLine(10000, 1, 1, "m_alice", 10000, 10000);
        MerkleProof proof = new MerkleProof(entry, 0, "aa".repeat(32), List.of(), "aa".repeat(32));
        when(rewards.proof("m_alice", "cycle-000001"))
                .thenReturn(new MemberRewardService.MemberProof("cycle-000001", proof, "bb".repeat(32), false));

        String html = mvc.perform(get("/rewards/cycle-000001/proof").with(user(ALICE)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("✗ The proof does NOT lead to the on-chain root.")
                .contains("data-entry=\"{&quot;amount&quot;:10000,");
    }

    @Test
    void a_reward_the_member_does_not_have_is_an_html_404_page_not_a_problem_document() throws Exception {
        when(rewards.explain("m_alice", "cycle-000009"))
                .thenThrow(Refusal.of(
                        ErrorCode.REWARD_NOT_FOUND, "member m_alice earned nothing in reward cycle" + " cycle-000009"));

        String html = mvc.perform(get("/rewards/cycle-000009").with(user(ALICE)))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("<title>Problem · PoX Ledger</title>")
                .contains("Member m_alice earned nothing in reward cycle cycle-000009.")
                .contains("REWARD_NOT_FOUND");
    }

    @Test
    void an_admin_without_a_member_is_told_the_page_is_for_members() throws Exception {
        String html = mvc.perform(get("/rewards").with(user(ROOT)))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("You may not open this page").contains("NOT_A_MEMBER");
    }
}
