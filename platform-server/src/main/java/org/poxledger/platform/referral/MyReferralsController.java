package org.poxledger.platform.referral;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.PageRequest;
import org.poxledger.platform.web.Refuses;
import org.springdoc.core.annotations.ParameterObject;
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
    @Refuses(ErrorCode.NOT_A_MEMBER)
    PageOf<ReferralNode> referrals(
            @AuthenticationPrincipal PoxUser user,
            @Parameter(description = "deepest level to list, 1..policy maxDepth (default maxDepth)")
                    @RequestParam(required = false)
                    Integer depth,
            @ParameterObject @Valid PageRequest paging) {
        String memberId = user.requireMemberId();
        int maxDepth = policies.current().maxDepth();
        int wanted = depth == null ? maxDepth : depth;
        if (wanted < 1 || wanted > maxDepth) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "depth",
                    "depth must be between 1 and " + maxDepth + ", got " + wanted);
        }
        return tree.below(memberId, wanted, paging.page(), paging.size());
    }
}
