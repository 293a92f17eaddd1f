package org.poxledger.platform.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Session;
import org.neo4j.driver.types.Node;
import org.poxledger.contract.model.Transfer;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.platform.web.PageOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects money into the graph: {@code (:Transfer {transferId})} nodes between {@code (:Wallet {memberId})} nodes
 * ({@code (from)-[:SENT]->(transfer)-[:TO]->(to)}), and on each wallet the balance, minted, sent and received sums and
 * the transfer counts.
 *
 * <p>Idempotent by construction: transfers are MERGEd by their id, and a wallet's figures are always recomputed from
 * the transfers and the minted reward entries ({@code (:RewardEntry)} with status PAID or RELEASED) rather than
 * incremented, so applying an event twice cannot count it twice.
 */
@Component
public class WalletProjection {

    public static final String TRANSFER_COMPLETED = "TransferCompleted";

    private static final Logger log = LoggerFactory.getLogger(WalletProjection.class);

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    public WalletProjection(Driver driver) {
        this.driver = driver;
    }

    /** Applies a {@code TransferCompleted} event; other events are ignored. */
    public void apply(LedgerEvent event) {
        if (TRANSFER_COMPLETED.equals(event.name())) {
            project(MoneyLedger.transferEvent(event.payload()));
        }
    }

    /** Records a committed transfer and refreshes both wallets. */
    public void project(Transfer transfer) {
        projectAll(List.of(transfer));
        log.debug("projected transfer {} tx={}", transfer.transferId(), transfer.txId());
    }

    /** Applies many {@code TransferCompleted} payloads at once: one statement for the transfers, one for the wallets. */
    public void applyAll(List<byte[]> payloads) {
        projectAll(payloads.stream().map(MoneyLedger::transferEvent).toList());
    }

    /** Records committed transfers and refreshes every wallet they touch. */
    public void projectAll(List<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(transfers.size());
        Set<String> members = new LinkedHashSet<>();
        for (Transfer transfer : transfers) {
            Map<String, Object> row = new HashMap<>();
            row.put("transferId", transfer.transferId());
            row.put("txId", transfer.txId());
            row.put("fromMemberId", transfer.fromMemberId());
            row.put("toMemberId", transfer.toMemberId());
            row.put("amount", transfer.amount());
            row.put("memo", transfer.memo() == null ? "" : transfer.memo());
            row.put("timestamp", transfer.timestamp());
            rows.add(row);
            members.add(transfer.fromMemberId());
            members.add(transfer.toMemberId());
        }
        driver.executableQuery("""
                        UNWIND $rows AS row
                        MERGE (t:Transfer {transferId: row.transferId})
                        ON CREATE SET t += row
                        MERGE (from:Wallet {memberId: row.fromMemberId})
                        MERGE (to:Wallet {memberId: row.toMemberId})
                        MERGE (from)-[:SENT]->(t)
                        MERGE (t)-[:TO]->(to)
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute();
        recomputeBalances(members);
    }

    /**
     * Recomputes the wallets of these members from the graph: balance = minted + received − sent − deposits locked in
     * channels + channel payouts and refunds ({@code (:ChannelEntry)}, projected by the payment feature), exactly what
     * the chaincode's balance is (DESIGN §7). Neo4j integer overflow is an error, like {@code Math.addExact}.
     */
    public void recomputeBalances(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        driver.executableQuery("""
                        UNWIND $memberIds AS id
                        WITH DISTINCT id
                        MERGE (w:Wallet {memberId: id})
                        WITH w, id
                        CALL (id) {
                            // the member's few entries, never the status index: once a large cycle is PAID,
                            // 'status IN [...]' matches most entries, and a plan picked while few were PAID
                            // scanned them all for every member (a 100k-entry cycle spent most of its pay there)
                            OPTIONAL MATCH (e:RewardEntry) USING INDEX e:RewardEntry(memberId)
                            WHERE e.memberId = id AND e.status IN ['PAID', 'RELEASED']
                            RETURN coalesce(sum(e.amount), 0) AS minted
                        }
                        CALL (id) {
                            OPTIONAL MATCH (t:Transfer {toMemberId: id})
                            RETURN coalesce(sum(t.amount), 0) AS received, count(t) AS transfersIn
                        }
                        CALL (id) {
                            OPTIONAL MATCH (t:Transfer {fromMemberId: id})
                            RETURN coalesce(sum(t.amount), 0) AS sent, count(t) AS transfersOut
                        }
                        CALL (id) {
                            OPTIONAL MATCH (c:ChannelEntry {payerId: id, action: 'OPENED'})
                            RETURN coalesce(sum(c.amount), 0) AS locked
                        }
                        CALL (id) {
                            OPTIONAL MATCH (c:ChannelEntry)
                            WHERE (c.payeeId = id AND c.action = 'REDEEMED') OR (c.payerId = id AND c.action = 'CLOSED')
                            RETURN coalesce(sum(c.amount), 0) AS unlocked
                        }
                        SET w.minted = minted, w.received = received, w.sent = sent,
                            w.channelLocked = locked, w.channelUnlocked = unlocked,
                            w.balance = minted + received - sent - locked + unlocked,
                            w.transfersIn = transfersIn, w.transfersOut = transfersOut
                        """)
                .withParameters(Map.of("memberIds", List.copyOf(memberIds)))
                .withConfig(config)
                .execute();
    }

    /**
     * A member's transfers, both directions, in the ledger's order (oldest first: by transaction time, then transfer
     * id).
     *
     * @param page 0-based
     * @param size 1..{@link PageOf#MAX_SIZE}
     */
    public PageOf<Transfer> transfers(String memberId, int page, int size) {
        var records = driver.executableQuery("""
                        CALL () { MATCH (t:Transfer {fromMemberId: $memberId}) RETURN count(t) AS sent }
                        CALL () { MATCH (t:Transfer {toMemberId: $memberId}) RETURN count(t) AS received }
                        CALL () {
                            CALL () {
                                MATCH (t:Transfer {fromMemberId: $memberId}) RETURN t
                                UNION
                                MATCH (t:Transfer {toMemberId: $memberId}) RETURN t
                            }
                            WITH t ORDER BY t.timestamp, t.transferId SKIP $skip LIMIT $limit
                            RETURN collect(t) AS items
                        }
                        RETURN sent + received AS total, items
                        """)
                .withParameters(Map.of("memberId", memberId, "skip", (long) page * size, "limit", (long) size))
                .withConfig(config)
                .execute()
                .records()
                .getFirst();
        return new PageOf<>(
                records.get("items").asList(value -> transfer(value.asNode())),
                page,
                size,
                records.get("total").asLong());
    }

    /** @return at most {@code count} of a member's transfers, newest first */
    public List<Transfer> newestTransfers(String memberId, int count) {
        return driver
                .executableQuery("""
                        CALL () {
                            MATCH (t:Transfer {fromMemberId: $memberId}) RETURN t
                            UNION
                            MATCH (t:Transfer {toMemberId: $memberId}) RETURN t
                        }
                        RETURN t ORDER BY t.timestamp DESC, t.transferId DESC LIMIT $count
                        """)
                .withParameters(Map.of("memberId", memberId, "count", (long) count))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(row -> transfer(row.get("t").asNode()))
                .toList();
    }

    private static Transfer transfer(Node t) {
        return new Transfer(
                t.get("amount").asLong(),
                t.get("fromMemberId").asString(),
                t.get("memo").asString(""),
                t.get("timestamp").asLong(),
                t.get("toMemberId").asString(),
                t.get("transferId").asString(),
                t.get("txId").asString());
    }

    /** @return every wallet's balance as the graph has it */
    public Map<String, Long> balances() {
        Map<String, Long> balances = new HashMap<>();
        driver.executableQuery("MATCH (w:Wallet) RETURN w.memberId AS memberId, w.balance AS balance")
                .withConfig(config)
                .execute()
                .records()
                .forEach(row -> balances.put(
                        row.get("memberId").asString(), row.get("balance").asLong(0)));
        return balances;
    }

    /** @return the sum of minted amounts over all wallets */
    public long mintedTotal() {
        return driver.executableQuery("MATCH (w:Wallet) RETURN coalesce(sum(w.minted), 0) AS minted")
                .withConfig(config)
                .execute()
                .records()
                .getFirst()
                .get("minted")
                .asLong();
    }

    /** Deletes wallets, transfers and channel entries: step one of a rebuild. */
    public void wipe() {
        // CALL ... IN TRANSACTIONS needs an auto-commit transaction, which session.run gives (executableQuery
        // would wrap it in a managed one)
        try (Session session = driver.session()) {
            session.run("""
                            MATCH (n) WHERE n:Wallet OR n:Transfer OR n:ChannelEntry
                            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
        }
    }
}
