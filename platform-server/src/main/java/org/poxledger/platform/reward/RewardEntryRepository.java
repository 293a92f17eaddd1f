package org.poxledger.platform.reward;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.poxledger.contract.model.RewardLine;
import org.springframework.stereotype.Repository;

/**
 * Reward entries in Neo4j: {@code (:RewardEntry {entryKey: cycleId/memberId})} per member and cycle, linked from its
 * {@code (:Member)} by {@code EARNED}, with the ledger status it has reached. Statuses only move forward
 * ({@link RewardStatus#rank()}), whoever (runner, event listener, rebuild) records them.
 */
@Repository
class RewardEntryRepository {

    static final String ENTRY_FIELDS = """
            e.cycleId AS cycleId, e.memberId AS memberId, e.scoreBps AS scoreBps, e.level AS level,
            e.rateBps AS rateBps, e.events AS events, e.amount AS amount, e.status AS status, e.txId AS txId,
            e.chunk AS chunk
            """;

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    RewardEntryRepository(Driver driver) {
        this.driver = driver;
    }

    static String entryKey(String cycleId, String memberId) {
        return cycleId + "/" + memberId;
    }

    /** @return every entry of the cycle, by member id */
    List<StoredRewardEntry> entries(String cycleId) {
        return entries(
                "MATCH (e:RewardEntry {cycleId: $cycleId}) RETURN " + ENTRY_FIELDS + " ORDER BY e.memberId",
                Map.of("cycleId", cycleId));
    }

    Optional<StoredRewardEntry> entry(String cycleId, String memberId) {
        return entries(
                        "MATCH (e:RewardEntry {entryKey: $key}) RETURN " + ENTRY_FIELDS,
                        Map.of("key", entryKey(cycleId, memberId)))
                .stream()
                .findFirst();
    }

    /** @return the member's entries, newest cycle first */
    List<StoredRewardEntry> entriesOf(String memberId) {
        return entries("""
                MATCH (e:RewardEntry {memberId: $memberId})
                OPTIONAL MATCH (c:RewardCycle {cycleId: e.cycleId})
                WITH e, c ORDER BY c.cycleEnd DESC, e.cycleId DESC
                RETURN
                """ + ENTRY_FIELDS, Map.of("memberId", memberId));
    }

    /** @return every entry whose reward is held (the member was suspended when its chunk was paid) */
    List<StoredRewardEntry> held() {
        return entries(
                "MATCH (e:RewardEntry {status: 'HELD'}) RETURN " + ENTRY_FIELDS + " ORDER BY e.cycleId, e.memberId",
                Map.of());
    }

    /**
     * Applies ledger statuses; a status only replaces a lower-ranked one ({@link RewardStatus#rank()}), so applying
     * an update twice, or an older one after a newer, changes nothing.
     *
     * @return the member ids whose entry changed
     */
    List<String> applyStatuses(String cycleId, List<StatusUpdate> updates) {
        List<Map<String, Object>> rows = updates.stream()
                .map(u -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("entryKey", entryKey(cycleId, u.memberId()));
                    row.put("status", u.status().name());
                    row.put("rank", u.status().rank());
                    row.put("txId", u.txId());
                    return row;
                })
                .toList();
        return driver
                .executableQuery("""
                        UNWIND $rows AS row
                        MATCH (e:RewardEntry {entryKey: row.entryKey})
                        WITH e, row WHERE e.statusRank < row.rank
                        SET e.status = row.status, e.statusRank = row.rank, e.txId = row.txId
                        RETURN e.memberId AS memberId
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(row -> row.get("memberId").asString())
                .toList();
    }

    /**
     * Records entries read from the ledger (a {@code RewardChunkPaid} event, or a rebuild), creating those the graph
     * lacks; statuses move forward only.
     *
     * @return the member ids whose entry was created or changed
     */
    List<String> mergeLedgerEntries(String cycleId, List<org.poxledger.contract.model.RewardEntry> ledgerEntries) {
        List<Map<String, Object>> rows = ledgerEntries.stream()
                .map(l -> {
                    RewardStatus status = RewardStatus.of(l.status());
                    Map<String, Object> row = row(cycleId, RewardLine.of(l));
                    row.put("status", status.name());
                    row.put("rank", status.rank());
                    row.put("txId", l.paidTxId());
                    return row;
                })
                .toList();
        return driver
                .executableQuery("""
                        UNWIND $rows AS row
                        MERGE (e:RewardEntry {entryKey: row.entryKey})
                        ON CREATE SET e.cycleId = row.cycleId, e.memberId = row.memberId, e.scoreBps = row.scoreBps,
                                      e.level = row.level, e.rateBps = row.rateBps, e.events = row.events,
                                      e.amount = row.amount, e.chunk = -1, e.status = 'PLANNED', e.statusRank = -1
                        WITH e, row, e.statusRank < row.rank AS advances
                        SET e.status = CASE WHEN advances THEN row.status ELSE e.status END,
                            e.txId = CASE WHEN advances THEN row.txId ELSE e.txId END,
                            e.statusRank = CASE WHEN advances THEN row.rank ELSE e.statusRank END
                        WITH e, row, advances
                        OPTIONAL MATCH (m:Member {memberId: row.memberId})
                        FOREACH (member IN CASE WHEN m IS NULL THEN [] ELSE [m] END | MERGE (member)-[:EARNED]->(e))
                        WITH row, advances WHERE advances
                        RETURN row.memberId AS memberId
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(row -> row.get("memberId").asString())
                .toList();
    }

    /** Adds the planned entries the graph lacks (a partly recorded cycle being restored); existing ones stay. */
    void mergePlannedEntries(String cycleId, List<RewardLine> entries) {
        List<Map<String, Object>> rows =
                entries.stream().map(e -> row(cycleId, e)).toList();
        driver.executableQuery("""
                        UNWIND $rows AS row
                        MERGE (e:RewardEntry {entryKey: row.entryKey})
                        ON CREATE SET e += row, e.chunk = -1, e.status = 'PLANNED', e.statusRank = 0
                        WITH e, row
                        MATCH (m:Member {memberId: row.memberId})
                        MERGE (m)-[:EARNED]->(e)
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute();
    }

    private List<StoredRewardEntry> entries(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).withConfig(config).execute().records().stream()
                .map(RewardEntryRepository::toEntry)
                .toList();
    }

    static Map<String, Object> row(String cycleId, RewardLine entry) {
        Map<String, Object> row = new HashMap<>();
        row.put("entryKey", entryKey(cycleId, entry.memberId()));
        row.put("cycleId", cycleId);
        row.put("memberId", entry.memberId());
        row.put("scoreBps", entry.scoreBps());
        row.put("level", entry.level());
        row.put("rateBps", entry.rateBps());
        row.put("events", entry.events());
        row.put("amount", entry.amount());
        return row;
    }

    static StoredRewardEntry toEntry(Record row) {
        RewardLine entry = new RewardLine(
                row.get("amount").asLong(),
                row.get("events").asLong(),
                row.get("level").asInt(),
                row.get("memberId").asString(),
                row.get("rateBps").asInt(),
                row.get("scoreBps").asLong());
        Value chunk = row.get("chunk");
        return new StoredRewardEntry(
                row.get("cycleId").asString(),
                entry,
                RewardStatus.valueOf(row.get("status").asString()),
                row.get("txId").asString(null),
                chunk.isNull() ? -1 : chunk.asInt());
    }

    /**
     * A ledger status to record.
     *
     * @param memberId the entry's member
     * @param status the ledger status
     * @param txId the transaction that set it
     */
    record StatusUpdate(String memberId, RewardStatus status, String txId) {}
}
