package org.poxledger.platform.audit;

import java.util.List;

/**
 * The result of comparing the graph with the ledger.
 *
 * @param startedAt when the audit started, epoch milliseconds
 * @param millis how long it took
 * @param membersChecked members compared (graph members plus ledger members found below them)
 * @param cyclesChecked reward cycles compared
 * @param differences every difference found
 */
public record AuditReport(
        long startedAt, long millis, int membersChecked, int cyclesChecked, List<AuditDifference> differences) {

    public AuditReport {
        differences = List.copyOf(differences);
    }

    /** @return whether graph and ledger agree on everything compared */
    public boolean consistent() {
        return differences.isEmpty();
    }
}
