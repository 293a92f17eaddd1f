package org.poxledger.platform.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin: edit the policy draft, publish it, read the published history. ADMIN role (path {@code /api/v1/admin}). */
@RestController
@RequestMapping("/api/v1/admin/policy")
@Tag(name = "Admin: reward policy", description = "Draft, publish and history of the on-chain reward policy")
class PolicyAdminController {

    private final PolicyDraftService drafts;
    private final LedgerPolicyCatalog catalog;

    PolicyAdminController(PolicyDraftService drafts, LedgerPolicyCatalog catalog) {
        this.drafts = drafts;
        this.catalog = catalog;
    }

    @GetMapping("/draft")
    @Operation(summary = "The policy draft, or the current policy to start a draft from (saved = false)")
    @Refuses(ledger = Refuses.Ledger.EVALUATES)
    PolicyDraft draft() {
        return drafts.draft();
    }

    @PutMapping("/draft")
    @Operation(
            summary = "Replace the draft",
            description = "Checked against every chaincode rule; a violation answers 400 POLICY_INVALID with one"
                    + " entry per bad field in `errors`.")
    @Refuses(value = ErrorCode.POLICY_INVALID, ledger = Refuses.Ledger.EVALUATES)
    PolicyDraft saveDraft(@RequestBody PolicyDocument document, Principal admin) {
        return drafts.save(document, admin.getName());
    }

    @DeleteMapping("/draft")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Discard the draft")
    void discardDraft(Principal admin) {
        drafts.discard(admin.getName());
    }

    @PostMapping("/draft/publish")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish the draft on-chain as the current version + 1 (then the draft is gone)")
    @Refuses(
            value = {ErrorCode.DRAFT_NOT_FOUND, ErrorCode.POLICY_INVALID, ErrorCode.POLICY_VERSION_CONFLICT},
            ledger = Refuses.Ledger.SUBMITS)
    PolicyRecord publish(Principal admin) {
        return drafts.publish(admin.getName());
    }

    @GetMapping("/history")
    @Operation(summary = "Every published version with its content hash, oldest first")
    @Refuses(ledger = Refuses.Ledger.EVALUATES)
    List<PolicyRecord> history() {
        return catalog.history();
    }
}
