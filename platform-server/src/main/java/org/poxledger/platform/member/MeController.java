package org.poxledger.platform.member;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.level.LevelService;
import org.poxledger.platform.level.MemberStanding;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "me", description = "The logged-in member's own data")
class MeController {

    private final MemberRepository members;
    private final LevelService levels;

    MeController(MemberRepository members, LevelService levels) {
        this.members = members;
        this.levels = levels;
    }

    /**
     * @param username log-in name
     * @param member profile and status
     * @param standing score, level, rate and what the next level needs, under the current policy
     */
    record Me(String username, MemberView member, MemberStanding standing) {}

    @GetMapping("/api/v1/me")
    @Operation(summary = "My profile, status, level, score, rate and what the next level needs")
    @Refuses({ErrorCode.NOT_A_MEMBER, ErrorCode.MEMBER_NOT_FOUND})
    Me me(@AuthenticationPrincipal PoxUser user) {
        String memberId = user.requireMemberId();
        MemberView member = members.find(memberId)
                .orElseThrow(() -> Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "member " + memberId + " is unknown"));
        return new Me(user.username(), member, levels.standing(memberId));
    }
}
