package org.poxledger.platform.reward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: what publishing the policy draft would change. ADMIN role. */
@RestController
@Tag(name = "Admin: reward policy")
class PolicyPreviewController {

    private final PolicyPreviewService previews;

    PolicyPreviewController(PolicyPreviewService previews) {
        this.previews = previews;
    }

    @GetMapping("/api/v1/admin/policy/draft/preview")
    @Operation(
            summary = "Preview the draft on the live graph",
            description = "Level distribution under the draft and the current policy, and the cost of the open cycle"
                    + " (registrations since the last cycle's end) priced under both.")
    @Refuses(ErrorCode.DRAFT_NOT_FOUND)
    PolicyPreview preview() {
        return previews.previewDraft();
    }
}
