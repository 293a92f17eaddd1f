package org.poxledger.platform.portal;

import org.poxledger.platform.audit.GraphLedgerAudit;
import org.poxledger.platform.projection.ChaincodeEventListener;
import org.poxledger.platform.projection.ProjectionProgress;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Admin: how far the graph projection has caught up with the ledger, and a comparison of the two listing every
 * difference (DESIGN §10). ADMIN role.
 */
@Controller
@RequestMapping("/admin/audit")
class AdminAuditPageController {

    private final GraphLedgerAudit audit;
    private final ChaincodeEventListener listener;

    AdminAuditPageController(GraphLedgerAudit audit, ChaincodeEventListener listener) {
        this.audit = audit;
        this.listener = listener;
    }

    @ModelAttribute("projection")
    ProjectionProgress projection() {
        return listener.progress();
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
