package org.poxledger.platform.reward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.poxledger.contract.model.Cycle;
import org.springframework.stereotype.Repository;

/**
 * Reward cycles in Neo4j: {@code (:RewardCycle {cycleId})} with the plan and its payment state,
 * {@code (:RewardEntry {entryKey: cycleId/memberId})} per member (linked from its {@code (:Member)} by
 * {@code EARNED}), and {@code (:RewardChunk {chunkKey})} receipts. A chunk is pending while one of its entries is
 * PLANNED, so the chunk state can never disagree with the entries, whoever (runner or event listener) recorded them.
 */
@Repository
class RewardPlanRepository {

    private static final String CYCLE_FIELDS = """
            c.cycleId AS cycleId, c.seq AS seq, c.cycleStart AS cycleStart, c.cycleEnd AS cycleEnd,
            c.policyVersion AS policyVersion, c.merkleRoot AS merkleRoot, c.entryCount AS entryCount,
            c.totalAmount AS totalAmount, c.chunkSize AS chunkSize, c.state AS state, c.lastError AS lastError,
            c.createdAt AS createdAt, c.createdBy AS createdBy
            """;

    private static final String ENTRY_FIELDS = """
            e.cycleId AS cycleId, e.memberId AS memberId, e.scoreBps AS scoreBps, e.level AS level,
            e.rateBps AS rateBps, e.events AS events, e.amount AS amount, e.status AS status, e.txId AS txId,
            e.chunk AS chunk
            """;

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    RewardPlanRepository(Driver driver) {
        this.driver = driver;
    }

    static String entryKey(String cycleId, String memberId) {
        return cycleId + "/" + memberId;
    }

    Optional<CyclePlan> latest() {
        return cycles(
                        "MATCH (c:RewardCycle) RETURN " + CYCLE_FIELDS
                                + " ORDER BY c.cycleEnd DESC, c.seq DESC LIMIT 1",
                        Map.of())
                .stream()
                .findFirst();
    }

    Optional<CyclePlan> find(String cycleId) {
        return cycles("MATCH (c:RewardCycle {cycleId: $cycleId}) RETURN " + CYCLE_FIELDS, Map.of("cycleId", cycleId))
                .stream()
                .findFirst();
    }

    /** @return every cycle, newest first */
    List<CyclePlan> all() {
        return cycles(
                "MATCH (c:RewardCycle) RETURN " + CYCLE_FIELDS + " ORDER BY c.cycleEnd DESC, c.seq DESC", Map.of());
    }

    /** @return cycles a runner should pay: PLANNED or PAYING */
    List<CyclePlan> unfinished() {
        return cycles(
                "MATCH (c:RewardCycle) WHERE c.state IN ['PLANNED', 'PAYING'] RETURN " + CYCLE_FIELDS
                        + " ORDER BY c.seq",
                Map.of());
    }

    long maxSeq() {
        return driver.executableQuery("MATCH (c:RewardCycle) RETURN coalesce(max(c.seq), 0) AS seq")
                .withConfig(config)
                .execute()
                .records()
                .getFirst()
                .get("seq")
                .asLong();
    }

    /**
     * Stores a closed cycle and its entries in one transaction; entry i (in member-id order) goes into chunk
     * {@code i / chunkSize}. Fails on the unique cycle id / seq constraints when another instance closed the same
     * cycle concurrently.
     */
    void create(CyclePlan plan, List<RewardEntry> sortedEntries) {
        List<Map<String, Object>> rows = new ArrayList<>(sortedEntries.size());
        for (int i = 0; i < sortedEntries.size(); i++) {
            Map<String, Object> row = entryRow(plan.cycleId(), sortedEntries.get(i));
            row.put("chunk", i / plan.chunkSize());
            rows.add(row);
        }
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("cycleId", plan.cycleId());
        cycle.put("seq", plan.seq());
        cycle.put("cycleStart", plan.cycleStart());
        cycle.put("cycleEnd", plan.cycleEnd());
        cycle.put("policyVersion", plan.policyVersion());
        cycle.put("merkleRoot", plan.merkleRoot());
        cycle.put("entryCount", plan.entryCount());
        cycle.put("totalAmount", plan.totalAmount());
        cycle.put("chunkSize", plan.chunkSize());
        cycle.put("state", plan.state().name());
        cycle.put("createdAt", plan.createdAt());
        cycle.put("createdBy", plan.createdBy());
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                tx.run("CREATE (c:RewardCycle) SET c = $cycle", Map.of("cycle", cycle));
                for (int from = 0; from < rows.size(); from += 5_000) {
                    tx.run("""
                            UNWIND $rows AS row
                            CREATE (e:RewardEntry)
                            SET e = row, e.status = 'PLANNED', e.statusRank = 0
                            WITH e
                            MATCH (m:Member {memberId: e.memberId})
                            MERGE (m)-[:EARNED]->(e)
                            """, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + 5_000))));
                }
            });
        }
    }

    /** @return chunk numbers that still hold an entry the ledger has not recorded, ascending */
    List<Integer> pendingChunks(String cycleId) {
        return driver
                .executableQuery("""
                        MATCH (e:RewardEntry {cycleId: $cycleId}) WHERE e.status = 'PLANNED'
                        RETURN DISTINCT e.chunk AS chunk ORDER BY chunk
                        """)
                .withParameters(Map.of("cycleId", cycleId))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(row -> row.get("chunk").asInt())
                .toList();
    }

    /** @return all entries of the chunk (recorded ones too: re-sending them is harmless), by member id */
    List<RewardEntry> chunkEntries(String cycleId, int chunk) {
        return entries(
                        "MATCH (e:RewardEntry {cycleId: $cycleId}) WHERE e.chunk = $chunk RETURN " + ENTRY_FIELDS
                                + " ORDER BY e.memberId",
                        Map.of("cycleId", cycleId, "chunk", chunk))
                .stream()
                .map(StoredRewardEntry::entry)
                .toList();
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
                    Map<String, Object> row = entryRow(cycleId, RewardEntry.of(l));
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
    void mergePlannedEntries(String cycleId, List<RewardEntry> entries) {
        List<Map<String, Object>> rows =
                entries.stream().map(e -> entryRow(cycleId, e)).toList();
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

    /**
     * Records a cycle known from the ledger ({@code rewards:GetCycle}) that the graph lacks, e.g. while rebuilding.
     * An existing cycle keeps its plan.
     */
    void mergeLedgerCycle(Cycle cycle, int chunkSize, long seq) {
        Map<String, Object> row = new HashMap<>();
        row.put("cycleId", cycle.cycleId());
        row.put("seq", seq);
        row.put("cycleStart", cycle.cycleStart());
        row.put("cycleEnd", cycle.cycleEnd());
        row.put("policyVersion", cycle.policyVersion());
        row.put("merkleRoot", cycle.merkleRoot());
        row.put("entryCount", cycle.entryCount());
        row.put("chunkSize", chunkSize);
        driver.executableQuery("""
                        MERGE (c:RewardCycle {cycleId: $row.cycleId})
                        ON CREATE SET c += $row, c.totalAmount = -1, c.state = 'PAYING', c.createdAt = $row.cycleEnd,
                                      c.createdBy = 'ledger'
                        """)
                .withParameters(Map.of("row", row))
                .withConfig(config)
                .execute();
    }

    /** Sets entries' chunk numbers (by member-id order) and the cycle total, once all entries are known. */
    void renumberChunks(String cycleId, int chunkSize, long totalAmount) {
        driver.executableQuery("""
                        MATCH (c:RewardCycle {cycleId: $cycleId})
                        SET c.totalAmount = $totalAmount, c.chunkSize = $chunkSize
                        WITH c
                        MATCH (e:RewardEntry {cycleId: $cycleId})
                        WITH e ORDER BY e.memberId
                        WITH collect(e) AS entries
                        UNWIND range(0, size(entries) - 1) AS i
                        WITH entries[i] AS e, i
                        SET e.chunk = i / $chunkSize
                        """)
                .withParameters(Map.of("cycleId", cycleId, "chunkSize", chunkSize, "totalAmount", totalAmount))
                .withConfig(config)
                .execute();
    }

    void recordChunk(String cycleId, int chunk, String txId, long paidAt, long amountPaid, long amountHeld) {
        driver.executableQuery("""
                        MERGE (k:RewardChunk {chunkKey: $chunkKey})
                        ON CREATE SET k.cycleId = $cycleId, k.chunk = $chunk, k.txId = $txId, k.paidAt = $paidAt,
                                      k.amountPaid = $amountPaid, k.amountHeld = $amountHeld
                        """)
                .withParameters(Map.of(
                        "chunkKey", cycleId + "/" + chunk,
                        "cycleId", cycleId,
                        "chunk", chunk,
                        "txId", txId,
                        "paidAt", paidAt,
                        "amountPaid", amountPaid,
                        "amountHeld", amountHeld))
                .withConfig(config)
                .execute();
    }

    void setState(String cycleId, CycleState state, String lastError) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("cycleId", cycleId);
        parameters.put("state", state.name());
        parameters.put("lastError", lastError);
        driver.executableQuery(
                        "MATCH (c:RewardCycle {cycleId: $cycleId}) SET c.state = $state, c.lastError = $lastError")
                .withParameters(parameters)
                .withConfig(config)
                .execute();
    }

    /**
     * Takes or renews the runner lease of a cycle. The first SET write-locks the cycle node, so of two instances
     * racing only one sees the lease free; the other reads the winner's owner after the winner commits.
     *
     * @return whether {@code owner} now holds the lease until {@code until}
     */
    boolean acquireLease(String cycleId, String owner, long now, long until) {
        return !driver.executableQuery("""
                        MATCH (c:RewardCycle {cycleId: $cycleId})
                        SET c.runnerLeaseCheckedAt = $now
                        WITH c
                        WHERE c.runnerOwner IS NULL OR c.runnerOwner = $owner OR c.runnerLeaseUntil < $now
                        SET c.runnerOwner = $owner, c.runnerLeaseUntil = $until
                        RETURN c.cycleId AS cycleId
                        """)
                .withParameters(Map.of("cycleId", cycleId, "owner", owner, "now", now, "until", until))
                .withConfig(config)
                .execute()
                .records()
                .isEmpty();
    }

    void releaseLease(String cycleId, String owner) {
        driver.executableQuery("""
                        MATCH (c:RewardCycle {cycleId: $cycleId}) WHERE c.runnerOwner = $owner
                        REMOVE c.runnerOwner, c.runnerLeaseUntil
                        """)
                .withParameters(Map.of("cycleId", cycleId, "owner", owner))
                .withConfig(config)
                .execute();
    }

    Optional<CycleProgress> progress(String cycleId) {
        return find(cycleId).map(plan -> {
            Record row = driver.executableQuery("""
                            MATCH (c:RewardCycle {cycleId: $cycleId})
                            OPTIONAL MATCH (e:RewardEntry {cycleId: $cycleId})
                            WITH c, e, coalesce(e.amount, 0) AS amount
                            RETURN c.runnerOwner AS runnerOwner,
                                count(e) AS entries,
                                count(CASE WHEN e.status = 'PLANNED' THEN 1 END) AS planned,
                                count(CASE WHEN e.status = 'PAID' THEN 1 END) AS paid,
                                count(CASE WHEN e.status = 'HELD' THEN 1 END) AS held,
                                sum(amount) AS amountTotal,
                                sum(CASE WHEN e.status = 'PAID' THEN amount ELSE 0 END) AS amountPaid,
                                sum(CASE WHEN e.status = 'HELD' THEN amount ELSE 0 END) AS amountHeld,
                                sum(CASE WHEN e.status = 'RELEASED' THEN amount ELSE 0 END) AS amountReleased,
                                sum(CASE WHEN e.status = 'FORFEITED' THEN amount ELSE 0 END) AS amountForfeited,
                                count(DISTINCT CASE WHEN e.status = 'PLANNED' THEN e.chunk END) AS chunksPending
                            """)
                    .withParameters(Map.of("cycleId", cycleId))
                    .withConfig(config)
                    .execute()
                    .records()
                    .getFirst();
            return new CycleProgress(
                    cycleId,
                    plan.state(),
                    plan.chunkCount(),
                    row.get("chunksPending").asInt(),
                    plan.entryCount(),
                    row.get("planned").asInt(),
                    row.get("entries").asInt() - row.get("planned").asInt(),
                    row.get("paid").asInt(),
                    row.get("held").asInt(),
                    plan.totalAmount() >= 0
                            ? plan.totalAmount()
                            : row.get("amountTotal").asLong(),
                    row.get("amountPaid").asLong(),
                    row.get("amountHeld").asLong(),
                    row.get("amountReleased").asLong(),
                    row.get("amountForfeited").asLong(),
                    row.get("runnerOwner").asString(null),
                    plan.lastError());
        });
    }

    /** @return how many chunks are pending over all unfinished cycles (for the metrics gauge) */
    long pendingChunkCount() {
        return driver.executableQuery("""
                        MATCH (e:RewardEntry) WHERE e.status = 'PLANNED'
                        RETURN count(DISTINCT [e.cycleId, e.chunk]) AS n
                        """)
                .withConfig(config)
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }

    private List<CyclePlan> cycles(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).withConfig(config).execute().records().stream()
                .map(RewardPlanRepository::toPlan)
                .toList();
    }

    private List<StoredRewardEntry> entries(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).withConfig(config).execute().records().stream()
                .map(RewardPlanRepository::toEntry)
                .toList();
    }

    private static Map<String, Object> entryRow(String cycleId, RewardEntry entry) {
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

    private static CyclePlan toPlan(Record row) {
        return new CyclePlan(
                row.get("cycleId").asString(),
                row.get("seq").asLong(0),
                row.get("cycleStart").asLong(),
                row.get("cycleEnd").asLong(),
                row.get("policyVersion").asInt(),
                row.get("merkleRoot").asString(),
                row.get("entryCount").asInt(),
                row.get("totalAmount").asLong(-1),
                row.get("chunkSize").asInt(),
                CycleState.valueOf(row.get("state").asString()),
                row.get("lastError").asString(null),
                row.get("createdAt").asLong(0),
                row.get("createdBy").asString(null));
    }

    private static StoredRewardEntry toEntry(Record row) {
        RewardEntry entry = new RewardEntry(
                row.get("memberId").asString(),
                row.get("scoreBps").asLong(),
                row.get("level").asInt(),
                row.get("rateBps").asInt(),
                row.get("events").asLong(),
                row.get("amount").asLong());
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
