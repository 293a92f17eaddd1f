package org.poxledger.platform.portal;

import org.poxledger.platform.audit.GraphLedgerAudit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Admin: compare the graph with the ledger and list every difference (DESIGN §10). ADMIN role. */
@Controller
@RequestMapping("/admin/audit")
class AdminAuditPageController {

    private final GraphLedgerAudit audit;

    AdminAuditPageController(GraphLedgerAudit audit) {
        this.audit = audit;
    }

    @GetMapping
    String page() {
        return "admin/audit";
    }

    /** A read, hence GET: it changes nothing, but costs a few ledger queries per member, so it runs on request. */
    @GetMapping("/report")
    String report(Model model) {
        model.addAttribute("report", audit.run());
        return "admin/audit";
    }
}
