package org.poxledger.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.platform.web.Refuses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: compare the graph with the ledger. ADMIN role. */
@RestController
@Tag(name = "Admin: audit", description = "Graph-versus-ledger consistency")
class AuditController {

    private final GraphLedgerAudit audit;

    AuditController(GraphLedgerAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(
            summary = "Compare the graph with the ledger",
            description = "Members, recommender edges, statuses, balances, reward cycle roots and totals, total supply;"
                    + " every difference is listed. Costs a few ledger queries per member.")
    @Refuses(ledger = Refuses.Ledger.EVALUATES)
    AuditReport audit() {
        return audit.run();
    }
}
