package org.poxledger.platform.portal;

import org.poxledger.platform.reward.MemberRewardService;
import org.poxledger.platform.security.PoxUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A member's rewards: every cycle, why each amount, and the Merkle proof that it is in the on-chain root. */
@Controller
class RewardPagesController {

    private final MemberRewardService rewards;

    RewardPagesController(MemberRewardService rewards) {
        this.rewards = rewards;
    }

    @GetMapping("/rewards")
    String rewards(@AuthenticationPrincipal PoxUser user, Model model) {
        model.addAttribute("rewards", rewards.rewards(user.requireMemberId()));
        return "rewards";
    }

    @GetMapping("/rewards/{cycleId}")
    String explanation(@AuthenticationPrincipal PoxUser user, @PathVariable String cycleId, Model model) {
        model.addAttribute("explanation", rewards.explain(user.requireMemberId(), cycleId));
        return "reward";
    }

    @GetMapping("/rewards/{cycleId}/proof")
    String proof(@AuthenticationPrincipal PoxUser user, @PathVariable String cycleId, Model model) {
        model.addAttribute("proof", rewards.proof(user.requireMemberId(), cycleId));
        return "proof";
    }
}
