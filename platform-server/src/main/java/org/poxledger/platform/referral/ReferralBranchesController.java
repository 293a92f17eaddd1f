package org.poxledger.platform.referral;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * My referral tree a branch at a time, for a picture that opens branches on demand: a member may have many thousands
 * of descendants, so no answer holds more than one page of one member's recommendees.
 *
 * <p>The portal's tree picture reads the same answers with its session cookie at {@code /referrals/...}: the API's
 * filter chain takes only Basic or bearer credentials, and its script must not hold either.
 */
@RestController
@Tag(name = "me")
class ReferralBranchesController {

    private final ReferralTreeRepository tree;
    private final PolicyCatalog policies;

    ReferralBranchesController(ReferralTreeRepository tree, PolicyCatalog policies) {
        this.tree = tree;
        this.policies = policies;
    }

    @GetMapping("/api/v1/me/referrals/{memberId}/recommendees")
    @Operation(
            summary = "The recommendees of one member of my tree, a page at a time, by registration time",
            description = "memberId is my own member id or a member of my tree above the policy's deepest counted"
                    + " level; each item's depth counts from me and its direct tells whether it has recommendees.")
    @Refuses({ErrorCode.NOT_A_MEMBER, ErrorCode.MEMBER_NOT_FOUND})
    PageOf<ReferralNode> recommendees(
            @AuthenticationPrincipal PoxUser user,
            @Parameter(description = "whose recommendees: me or a member of my tree") @PathVariable String memberId,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..100")
                    @RequestParam(defaultValue = "20")
                    @Min(1)
                    @Max(PageOf.MAX_SIZE)
                    int size) {
        String me = user.requireMemberId();
        int maxDepth = policies.current().maxDepth();
        int depth = tree.depthBelow(me, memberId).stream()
                .filter(d -> d < maxDepth)
                .findFirst()
                .orElseThrow(() -> Refusal.of(
                        ErrorCode.MEMBER_NOT_FOUND,
                        "memberId",
                        "member " + memberId + " is not in your referral tree above depth " + maxDepth));
        return tree.recommendees(memberId, depth, page, size);
    }

    /** The same answer for the portal's tree picture, with the portal's session. */
    @Hidden
    @GetMapping("/referrals/{memberId}/recommendees")
    PageOf<ReferralNode> recommendeesForPortal(
            @AuthenticationPrincipal PoxUser user,
            @PathVariable String memberId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(PageOf.MAX_SIZE) int size) {
        return recommendees(user, memberId, page, size);
    }

    @GetMapping("/api/v1/me/referrals/depths")
    @Operation(summary = "How many members hang at each depth of my tree, depth 1 to the policy's maxDepth")
    @Refuses(ErrorCode.NOT_A_MEMBER)
    List<ReferralDepth> depths(@AuthenticationPrincipal PoxUser user) {
        String me = user.requireMemberId();
        return ReferralDepth.of(tree.countsPerDepth(me, policies.current().maxDepth()));
    }
}
