package org.poxledger.platform.referral;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "me")
class MyReferralsController {

    private final ReferralTreeRepository tree;
    private final PolicyCatalog policies;

    MyReferralsController(ReferralTreeRepository tree, PolicyCatalog policies) {
        this.tree = tree;
        this.policies = policies;
    }

    @GetMapping("/api/v1/me/referrals")
    @Operation(summary = "My referral tree down to a depth (at most the policy's maxDepth), breadth-first, paginated")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: depth outside 1..maxDepth, bad page or size")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @ApiResponse(responseCode = "403", description = "NOT_A_MEMBER")
    PageOf<ReferralNode> referrals(
            @AuthenticationPrincipal PoxUser user,
            @Parameter(description = "deepest level to list, 1..policy maxDepth (default maxDepth)")
                    @RequestParam(required = false)
                    Integer depth,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..100")
                    @RequestParam(defaultValue = "20")
                    @Min(1)
                    @Max(PageOf.MAX_SIZE)
                    int size) {
        String memberId = user.requireMemberId();
        int maxDepth = policies.current().maxDepth();
        int wanted = depth == null ? maxDepth : depth;
        if (wanted < 1 || wanted > maxDepth) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "depth",
                    "depth must be between 1 and " + maxDepth + ", got " + wanted);
        }
        return tree.below(memberId, wanted, page, size);
    }
}
