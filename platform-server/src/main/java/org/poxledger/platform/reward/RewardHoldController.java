package org.poxledger.platform.reward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: rewards held for suspended members. ADMIN role. */
@RestController
@RequestMapping("/api/v1/admin/rewards/holds")
@Tag(name = "Admin: reward holds", description = "Release or forfeit rewards held for suspended members")
class RewardHoldController {

    private final RewardHoldService holds;

    RewardHoldController(RewardHoldService holds) {
        this.holds = holds;
    }

    @GetMapping
    @Operation(summary = "Every held reward")
    List<StoredRewardEntry> held() {
        return holds.held();
    }

    @PostMapping("/{cycleId}/{memberId}/release")
    @Operation(summary = "Release a held reward: the amount is credited to the member")
    @Refuses(value = ErrorCode.HOLD_NOT_FOUND, ledger = Refuses.Ledger.SUBMITS)
    org.poxledger.contract.model.RewardEntry release(
            @PathVariable String cycleId, @PathVariable String memberId, Principal admin) {
        return holds.release(cycleId, memberId, admin.getName());
    }

    @PostMapping("/{cycleId}/{memberId}/forfeit")
    @Operation(summary = "Forfeit a held reward: nothing is credited, ever")
    @Refuses(value = ErrorCode.HOLD_NOT_FOUND, ledger = Refuses.Ledger.SUBMITS)
    org.poxledger.contract.model.RewardEntry forfeit(
            @PathVariable String cycleId, @PathVariable String memberId, Principal admin) {
        return holds.forfeit(cycleId, memberId, admin.getName());
    }
}
