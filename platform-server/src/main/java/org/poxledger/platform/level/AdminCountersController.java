package org.poxledger.platform.level;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/counters")
@Tag(name = "admin: levels", description = "Depth counters n_1..n_10 against the referral graph (ADMIN role)")
class AdminCountersController {

    private final DepthCounterRecomputer counters;

    AdminCountersController(DepthCounterRecomputer counters) {
        this.counters = counters;
    }

    @GetMapping("/check")
    @Operation(summary = "Compare every member's incremental counters with a full count over the graph")
    DepthCounterRecomputer.CounterCheck check() {
        return counters.check();
    }

    @PostMapping("/recompute")
    @Operation(summary = "Recount every member's counters from the graph, fix differences, re-record levels")
    DepthCounterRecomputer.Recompute recompute() {
        return counters.recompute();
    }
}
