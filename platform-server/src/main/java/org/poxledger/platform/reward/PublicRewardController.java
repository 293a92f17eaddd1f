package org.poxledger.platform.reward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public: the on-chain record of a cycle, and checking anyone's proof against it. */
@SecurityRequirements // public: no credentials (security: [] in the OpenAPI document)
@RestController
@RequestMapping("/api/v1/public")
@Tag(name = "Public: reward cycles")
class PublicRewardController {

    private final RewardLedger ledger;
    private final MemberRewardService rewards;

    PublicRewardController(RewardLedger ledger, MemberRewardService rewards) {
        this.ledger = ledger;
        this.rewards = rewards;
    }

    /**
     * @param cycleId the cycle the proof is for
     * @param entry the entry: memberId, scoreBps, level, rateBps, events, amount
     * @param path the proof's steps, leaf upwards
     */
    record VerifyRequest(
            @NotBlank(message = "is required") String cycleId,
            @NotNull(message = "is required") RewardLine entry,
            @NotNull(message = "is required") List<MerkleProof.Step> path) {}

    @GetMapping("/cycles/{cycleId}")
    @Operation(summary = "A cycle as recorded on-chain: range, policy version, Merkle root, totals")
    @Refuses(value = ErrorCode.CYCLE_NOT_FOUND, ledger = Refuses.Ledger.EVALUATES)
    Cycle cycle(@PathVariable String cycleId) {
        return ledger.cycle(cycleId)
                .orElseThrow(() -> Refusal.of(
                        ErrorCode.CYCLE_NOT_FOUND, "reward cycle " + cycleId + " is not recorded on the ledger"));
    }

    @PostMapping("/rewards/verify")
    @Operation(summary = "Check an entry and its Merkle path against the cycle's on-chain root")
    @Refuses(value = ErrorCode.CYCLE_NOT_FOUND, ledger = Refuses.Ledger.EVALUATES)
    MemberRewardService.Verification verify(@Valid @RequestBody VerifyRequest request) {
        return rewards.verify(request.cycleId(), request.entry(), request.path());
    }
}
