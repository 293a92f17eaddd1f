package org.poxledger.platform.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public: the policy in force and any published version, so anyone can recompute a reward. */
@SecurityRequirements // public: no credentials (security: [] in the OpenAPI document)
@RestController
@RequestMapping("/api/v1/public/policy")
@Tag(name = "Public: reward policy")
class PublicPolicyController {

    private final LedgerPolicyCatalog catalog;

    PublicPolicyController(LedgerPolicyCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/current")
    @Operation(summary = "The current policy with its version and content hash")
    @Refuses(ledger = Refuses.Ledger.EVALUATES)
    PolicyRecord current() {
        return catalog.refreshCurrent();
    }

    @GetMapping("/versions/{version}")
    @Operation(summary = "A published policy version (a reward cycle names the version it used)")
    @Refuses(value = ErrorCode.POLICY_NOT_FOUND, ledger = Refuses.Ledger.EVALUATES)
    PolicyRecord version(@PathVariable int version) {
        return catalog.record(version)
                .orElseThrow(() ->
                        Refusal.of(ErrorCode.POLICY_NOT_FOUND, "policy version " + version + " is not published"));
    }
}
