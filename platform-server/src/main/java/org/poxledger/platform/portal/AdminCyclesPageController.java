package org.poxledger.platform.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.CycleProgress;
import org.poxledger.platform.reward.CycleState;
import org.poxledger.platform.reward.RewardCycleRunner;
import org.poxledger.platform.reward.RewardCycleService;
import org.poxledger.platform.reward.RewardHoldService;
import org.poxledger.platform.security.PoxUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: reward cycles (DESIGN §6): close the open cycle, pay it in the background, follow its progress, and release
 * or forfeit the rewards held for suspended members. ADMIN role.
 */
@Controller
@RequestMapping("/admin")
class AdminCyclesPageController {

    /** Cycles listed with their progress; older ones are reached by id. */
    static final int LISTED = 20;

    private final RewardCycleService cycles;
    private final RewardCycleRunner runner;
    private final RewardHoldService holds;

    AdminCyclesPageController(RewardCycleService cycles, RewardCycleRunner runner, RewardHoldService holds) {
        this.cycles = cycles;
        this.runner = runner;
        this.holds = holds;
    }

    @GetMapping("/cycles")
    String cycles(Model model) {
        List<CyclePlan> all = cycles.cycles();
        Map<String, CycleProgress> progress = new LinkedHashMap<>();
        all.stream().limit(LISTED).forEach(plan -> progress.put(plan.cycleId(), cycles.progress(plan.cycleId())));
        model.addAttribute("cycles", all.stream().limit(LISTED).toList());
        model.addAttribute("more", all.size() > LISTED);
        model.addAttribute("progress", progress);
        model.addAttribute("openCycleStart", cycles.openCycleStart());
        model.addAttribute("holds", holds.held());
        return "admin/cycles";
    }

    @PostMapping("/cycles/close")
    String close(
            @AuthenticationPrincipal PoxUser admin,
            @RequestParam(defaultValue = "false") boolean run,
            RedirectAttributes redirect) {
        try {
            CyclePlan plan = cycles.close(null, admin.username());
            boolean paying = run && plan.state() != CycleState.COMPLETE;
            if (paying) {
                runner.runInBackground(plan.cycleId());
            }
            redirect.addFlashAttribute(
                    "flash",
                    "Cycle " + plan.cycleId() + " closed: " + plan.entryCount()
                            + (plan.entryCount() == 1 ? " member earns" : " members earn") + " a reward"
                            + (paying ? "; payment started." : plan.entryCount() == 0 ? "." : "; pay it with Run."));
            return "redirect:/admin/cycles/" + plan.cycleId();
        } catch (RuntimeException e) {
            FormError refusal = FormError.of(e);
            if (refusal == null) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", refusal.message());
            return "redirect:/admin/cycles";
        }
    }

    @GetMapping("/cycles/{cycleId}")
    String cycle(@PathVariable String cycleId, Model model) {
        model.addAttribute("cycle", cycles.cycle(cycleId));
        model.addAttribute("progress", cycles.progress(cycleId));
        model.addAttribute("running", runner.isRunningHere(cycleId));
        return "admin/cycle";
    }

    @PostMapping("/cycles/{cycleId}/run")
    String run(@PathVariable String cycleId, RedirectAttributes redirect) {
        CyclePlan plan = cycles.cycle(cycleId);
        if (plan.state() == CycleState.COMPLETE) {
            redirect.addFlashAttribute("flash", "Cycle " + cycleId + " is paid completely; nothing to run.");
        } else if (runner.isRunningHere(cycleId)) {
            redirect.addFlashAttribute("flash", "Cycle " + cycleId + " is being paid already.");
        } else {
            runner.runInBackground(cycleId);
            redirect.addFlashAttribute("flash", "Payment of cycle " + cycleId + " started.");
        }
        return "redirect:/admin/cycles/" + cycleId;
    }

    @PostMapping("/holds/{cycleId}/{memberId}/release")
    String release(
            @AuthenticationPrincipal PoxUser admin,
            @PathVariable String cycleId,
            @PathVariable String memberId,
            RedirectAttributes redirect) {
        return decide(redirect, "released and credited", () -> holds.release(cycleId, memberId, admin.username()));
    }

    @PostMapping("/holds/{cycleId}/{memberId}/forfeit")
    String forfeit(
            @AuthenticationPrincipal PoxUser admin,
            @PathVariable String cycleId,
            @PathVariable String memberId,
            RedirectAttributes redirect) {
        return decide(redirect, "forfeited", () -> holds.forfeit(cycleId, memberId, admin.username()));
    }

    private static String decide(
            RedirectAttributes redirect, String done, Supplier<org.poxledger.contract.model.RewardEntry> decision) {
        try {
            org.poxledger.contract.model.RewardEntry entry = decision.get();
            redirect.addFlashAttribute(
                    "flash",
                    "The held reward of " + entry.memberId() + " in " + entry.cycleId() + " was " + done + ".");
        } catch (RuntimeException e) {
            FormError refusal = FormError.of(e);
            if (refusal == null) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", refusal.message());
        }
        return "redirect:/admin/cycles";
    }
}
