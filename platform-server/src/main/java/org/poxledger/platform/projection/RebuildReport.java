package org.poxledger.platform.projection;

import java.util.List;

/**
 * What a graph rebuild did.
 *
 * @param eventsReplayed chaincode events applied
 * @param lastBlock block of the last event applied, -1 for none
 * @param members members in the graph afterwards
 * @param membersNotOnLedger member nodes that kept personal data but were not re-confirmed by any ledger event (not
 *     registered on this ledger); left in place for an admin to look at
 * @param cyclesNotRestored reward cycles whose plan could not be restored (marked FAILED)
 * @param counterMismatches members whose replayed depth counters disagree with a full count over the rebuilt edges
 *     (0, as DESIGN §5 requires; anything else is a projection bug to investigate)
 * @param millis duration
 */
public record RebuildReport(
        long eventsReplayed,
        long lastBlock,
        long members,
        List<String> membersNotOnLedger,
        List<String> cyclesNotRestored,
        long counterMismatches,
        long millis) {}
