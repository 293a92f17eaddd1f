package org.poxledger.platform.audit;

/**
 * One way the graph disagrees with the ledger.
 *
 * @param kind what disagrees
 * @param subject the member or cycle id
 * @param field the field that differs, {@code null} when the whole thing is missing on one side
 * @param graph the graph's value ({@code null} when absent)
 * @param ledger the ledger's value ({@code null} when absent)
 */
public record AuditDifference(Kind kind, String subject, String field, String graph, String ledger) {

    /** The kinds of difference. */
    public enum Kind {
        /** A member in the graph the ledger does not know. */
        MEMBER_NOT_ON_LEDGER,
        /** A member on the ledger (found below a graph member) the graph lacks. */
        MEMBER_NOT_IN_GRAPH,
        /** A member field (status, registration time, account hash) differs. */
        MEMBER_FIELD,
        /** A member's recommender edge differs from the ledger's recommender. */
        EDGE,
        /** A member's balance differs. */
        BALANCE,
        /** A cycle the graph lists as recorded is not on the ledger. */
        CYCLE_NOT_ON_LEDGER,
        /** A cycle field or total differs. */
        CYCLE_FIELD,
        /** The sum of minted rewards differs from the ledger's total supply. */
        TOTAL_SUPPLY
    }

    static AuditDifference of(Kind kind, String subject, String field, Object graph, Object ledger) {
        return new AuditDifference(
                kind,
                subject,
                field,
                graph == null ? null : graph.toString(),
                ledger == null ? null : ledger.toString());
    }
}
