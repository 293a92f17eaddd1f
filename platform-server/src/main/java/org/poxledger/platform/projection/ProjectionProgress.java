package org.poxledger.platform.projection;

/**
 * How far the graph projection has caught up with the ledger.
 *
 * @param listening whether the chaincode-event listener runs
 * @param appliedBlock block of the last event applied (from the checkpoint before this listener applied any), -1 for
 *     none
 * @param ledgerBlock the ledger's last block, {@code null} when the ledger cannot say
 * @param eventsApplied events applied by this listener since the server started
 * @param eventsPerSecond the listener's average rate since it started
 */
public record ProjectionProgress(
        boolean listening, long appliedBlock, Long ledgerBlock, long eventsApplied, long eventsPerSecond) {

    /**
     * @return blocks the ledger has that the graph may not reflect yet, {@code null} when the ledger height is unknown;
     *     an upper bound, since blocks without chaincode events have nothing to apply
     */
    public Long lagBlocks() {
        return ledgerBlock == null ? null : Math.max(0, ledgerBlock - Math.max(appliedBlock, 0));
    }
}
