package org.poxledger.platform.reward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member's rewards, each with its explanation and Merkle proof. */
@RestController
@RequestMapping("/api/v1/me/rewards")
@Tag(name = "me: rewards", description = "My rewards per cycle, why, and the proof that they are in the on-chain root")
class MemberRewardController {

    private final MemberRewardService rewards;

    MemberRewardController(MemberRewardService rewards) {
        this.rewards = rewards;
    }

    @GetMapping
    @Operation(summary = "My rewards, newest cycle first")
    @Refuses(ErrorCode.NOT_A_MEMBER)
    List<MemberRewardService.MemberReward> rewards(@AuthenticationPrincipal PoxUser user) {
        return rewards.rewards(user.requireMemberId());
    }

    @GetMapping("/{cycleId}")
    @Operation(
            summary = "Why I earned this amount",
            description = "The registrations below me in the cycle per depth, my level as of the cycle's end and the"
                    + " amount recomputed from the cycle's policy version.")
    @Refuses(
            value = {ErrorCode.NOT_A_MEMBER, ErrorCode.CYCLE_NOT_FOUND, ErrorCode.REWARD_NOT_FOUND},
            ledger = Refuses.Ledger.EVALUATES)
    RewardExplanation explain(@AuthenticationPrincipal PoxUser user, @PathVariable String cycleId) {
        return rewards.explain(user.requireMemberId(), cycleId);
    }

    @GetMapping("/{cycleId}/proof")
    @Operation(
            summary = "The Merkle proof of my entry, checked against the on-chain root",
            description = "leaf = SHA-256(0x00 || canonical entry JSON), node = SHA-256(0x01 || left || right), leaves"
                    + " sorted by member id, an odd last node promoted unchanged.")
    @Refuses(
            value = {ErrorCode.NOT_A_MEMBER, ErrorCode.CYCLE_NOT_FOUND, ErrorCode.REWARD_NOT_FOUND},
            ledger = Refuses.Ledger.EVALUATES)
    MemberRewardService.MemberProof proof(@AuthenticationPrincipal PoxUser user, @PathVariable String cycleId) {
        return rewards.proof(user.requireMemberId(), cycleId);
    }
}
