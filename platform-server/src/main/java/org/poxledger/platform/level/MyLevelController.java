package org.poxledger.platform.level;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "me")
class MyLevelController {

    private final LevelService levels;

    MyLevelController(LevelService levels) {
        this.levels = levels;
    }

    @GetMapping("/api/v1/me/level")
    @Operation(summary = "My score, level, rate and what the next level needs, under the current policy")
    @Refuses({ErrorCode.NOT_A_MEMBER, ErrorCode.MEMBER_NOT_FOUND})
    MemberStanding level(@AuthenticationPrincipal PoxUser user) {
        return levels.standing(user.requireMemberId());
    }

    @GetMapping("/api/v1/me/level-changes")
    @Operation(summary = "My level changes, newest first")
    @Refuses(ErrorCode.NOT_A_MEMBER)
    List<LevelChange> changes(@AuthenticationPrincipal PoxUser user) {
        return levels.history(user.requireMemberId());
    }
}
