package org.poxledger.platform.testrig;

import java.util.List;
import org.neo4j.driver.Driver;

/**
 * The ledger-derived part of the graph (plus the personal data riding on member nodes) as sorted lines, so two
 * graphs can be compared with one equality. Leaves out what is history or bookkeeping rather than state: level-change
 * records, chunk receipts, runner leases, the listener checkpoint, and who closed a cycle when.
 */
public final class GraphSnapshot {

    private GraphSnapshot() {}

    public static List<String> of(Driver driver) {
        return driver.executableQuery("""
                        CALL () {
                            MATCH (m:Member)
                            RETURN 'member ' + m.memberId + ' ' + coalesce(m.status, '-')
                                + ' rec=' + coalesce(m.recommenderId, '-')
                                + ' at=' + coalesce(toString(m.registeredAt), '-')
                                + ' tx=' + coalesce(m.registeredTxId, '-')
                                + ' changed=' + coalesce(toString(m.statusChangedAt), '-')
                                + ' hash=' + coalesce(m.accountHash, '-')
                                + ' counts=' + reduce(s = '', n IN coalesce(m.counts, []) | s + toString(n) + ',')
                                + ' level=' + coalesce(toString(m.level), '-')
                                + ' name=' + coalesce(m.displayName, '-')
                                + ' email=' + coalesce(m.email, '-')
                                + ' account=' + coalesce(m.account, '-') AS line
                            UNION ALL
                            MATCH (a:Member)-[:RECOMMENDED]->(b:Member)
                            RETURN 'edge ' + a.memberId + '->' + b.memberId AS line
                            UNION ALL
                            MATCH (c:RewardCycle)
                            RETURN 'cycle ' + c.cycleId + ' seq=' + toString(c.seq)
                                + ' [' + toString(c.cycleStart) + ',' + toString(c.cycleEnd) + ')'
                                + ' policy=' + toString(c.policyVersion) + ' root=' + c.merkleRoot
                                + ' entries=' + toString(c.entryCount) + ' total=' + toString(c.totalAmount)
                                + ' chunkSize=' + toString(c.chunkSize) + ' state=' + c.state AS line
                            UNION ALL
                            MATCH (e:RewardEntry)
                            OPTIONAL MATCH (m:Member)-[:EARNED]->(e)
                            RETURN 'entry ' + e.entryKey + ' amount=' + toString(e.amount)
                                + ' events=' + toString(e.events) + ' level=' + toString(e.level)
                                + ' rate=' + toString(e.rateBps) + ' score=' + toString(e.scoreBps)
                                + ' status=' + e.status + ' tx=' + coalesce(e.txId, '-')
                                + ' chunk=' + toString(e.chunk) + ' earnedBy=' + coalesce(m.memberId, '-') AS line
                            UNION ALL
                            MATCH (w:Wallet)
                            RETURN 'wallet ' + w.memberId + ' balance=' + toString(w.balance)
                                + ' minted=' + toString(w.minted) + ' sent=' + toString(w.sent)
                                + ' received=' + toString(w.received)
                                + ' in=' + toString(w.transfersIn) + ' out=' + toString(w.transfersOut) AS line
                            UNION ALL
                            MATCH (f:Wallet)-[:SENT]->(t:Transfer)-[:TO]->(to:Wallet)
                            RETURN 'transfer ' + t.transferId + ' ' + f.memberId + '->' + to.memberId
                                + ' amount=' + toString(t.amount) + ' tx=' + t.txId
                                + ' at=' + toString(t.timestamp) + ' memo=' + t.memo AS line
                        }
                        RETURN line ORDER BY line
                        """).execute().records().stream()
                .map(r -> r.get("line").asString())
                .toList();
    }
}
