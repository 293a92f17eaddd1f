package org.poxledger.platform.reward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin: close reward cycles, run or resume their payment, follow progress. ADMIN role. */
@RestController
@RequestMapping("/api/v1/admin/cycles")
@Tag(name = "Admin: reward cycles", description = "Close, pay (in chunks, resumable) and follow reward cycles")
class CycleAdminController {

    private final RewardCycleService cycles;
    private final RewardCycleRunner runner;
    private final RewardEntryRepository entries;

    CycleAdminController(RewardCycleService cycles, RewardCycleRunner runner, RewardEntryRepository entries) {
        this.cycles = cycles;
        this.runner = runner;
        this.entries = entries;
    }

    /**
     * @param end end of the cycle (exclusive), epoch milliseconds; omitted = now
     * @param run whether to start paying at once (default true)
     */
    record CloseRequest(Long end, Boolean run) {}

    /**
     * @param cycleId the cycle
     * @param started whether a runner was started in this instance (false: one is already at work here)
     */
    record RunStarted(String cycleId, boolean started) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Close the open cycle",
            description = "Covers the registrations from the previous cycle's end (0 for the first) to `end`, under"
                    + " the current policy; stores entries and Merkle root, then pays in chunks in the background"
                    + " unless run = false.")
    @Refuses(
            value = {
                ErrorCode.INVALID_CYCLE_END,
                ErrorCode.CYCLE_CLOSE_CONFLICT,
                ErrorCode.AMOUNT_OVERFLOW,
                ErrorCode.PROJECTION_BEHIND
            },
            ledger = Refuses.Ledger.EVALUATES)
    CyclePlan close(@RequestBody(required = false) CloseRequest request, Principal admin) {
        CloseRequest body = request == null ? new CloseRequest(null, true) : request;
        CyclePlan plan = cycles.close(body.end(), admin.getName());
        if (!Boolean.FALSE.equals(body.run()) && plan.state() != CycleState.COMPLETE) {
            runner.runInBackground(plan.cycleId());
        }
        return plan;
    }

    @GetMapping
    @Operation(summary = "Every cycle, newest first")
    List<CyclePlan> list() {
        return cycles.cycles();
    }

    @GetMapping("/{cycleId}")
    @Operation(summary = "One cycle's plan")
    @Refuses(ErrorCode.CYCLE_NOT_FOUND)
    CyclePlan cycle(@PathVariable String cycleId) {
        return cycles.cycle(cycleId);
    }

    @GetMapping("/{cycleId}/progress")
    @Operation(summary = "Chunks and entries recorded so far, amounts paid and held")
    @Refuses(ErrorCode.CYCLE_NOT_FOUND)
    CycleProgress progress(@PathVariable String cycleId) {
        return cycles.progress(cycleId);
    }

    @GetMapping("/{cycleId}/entries")
    @Operation(summary = "The cycle's entries with their status, by member id")
    @Refuses(ErrorCode.CYCLE_NOT_FOUND)
    List<StoredRewardEntry> entries(@PathVariable String cycleId) {
        cycles.cycle(cycleId);
        return entries.entries(cycleId);
    }

    @PostMapping("/{cycleId}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Pay (or resume paying) the cycle in the background",
            description = "Starts from the first chunk with an unrecorded entry; entries already recorded on-chain"
                    + " are never paid twice. Also re-runs a FAILED cycle after its cause is fixed.")
    @Refuses(ErrorCode.CYCLE_NOT_FOUND)
    RunStarted run(@PathVariable String cycleId) {
        cycles.cycle(cycleId);
        boolean started = !runner.isRunningHere(cycleId);
        runner.runInBackground(cycleId);
        return new RunStarted(cycleId, started);
    }

    @PostMapping("/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Resume every PLANNED or PAYING cycle in the background")
    List<String> resumeAll() {
        return runner.resumeUnfinished();
    }
}
