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
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.RewardLine;
import org.springframework.stereotype.Repository;

/**
 * Reward cycle plans in Neo4j: {@code (:RewardCycle {cycleId})} with what the cycle covers, its root and total, and its
 * payment state. Creating a plan stores its {@code (:RewardEntry)} nodes in the same transaction.
 */
@Repository
class CyclePlanRepository {

    static final String CYCLE_FIELDS = """
            c.cycleId AS cycleId, c.seq AS seq, c.cycleStart AS cycleStart, c.cycleEnd AS cycleEnd,
            c.policyVersion AS policyVersion, c.merkleRoot AS merkleRoot, c.entryCount AS entryCount,
            c.totalAmount AS totalAmount, c.chunkSize AS chunkSize, c.state AS state, c.lastError AS lastError,
            c.createdAt AS createdAt, c.createdBy AS createdBy
            """;

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    CyclePlanRepository(Driver driver) {
        this.driver = driver;
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
    void create(CyclePlan plan, List<RewardLine> sortedEntries) {
        List<Map<String, Object>> rows = new ArrayList<>(sortedEntries.size());
        for (int i = 0; i < sortedEntries.size(); i++) {
            Map<String, Object> row = RewardEntryRepository.row(plan.cycleId(), sortedEntries.get(i));
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
                            CREATE (e:RewardEntry {entryKey: row.entryKey, cycleId: row.cycleId,
                                                   memberId: row.memberId, scoreBps: row.scoreBps,
                                                   level: row.level, rateBps: row.rateBps, events: row.events,
                                                   amount: row.amount, chunk: row.chunk, status: 'PLANNED',
                                                   statusRank: 0})
                            WITH e
                            MATCH (m:Member {memberId: e.memberId})
                            CREATE (m)-[:EARNED]->(e)
                            """, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + 5_000))));
                }
            });
        }
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
        // the ranges the ledger cut the cycle into: resuming it must send the same (renumberChunks), whatever this
        // instance's chunk size; the size shown is the one that gives that many chunks
        row.put(
                "chunkSize",
                cycle.chunkStarts().isEmpty()
                        ? chunkSize
                        : Math.ceilDiv(
                                Math.max(1, cycle.entryCount()),
                                cycle.chunkStarts().size()));
        row.put("chunkStarts", cycle.chunkStarts());
        driver.executableQuery("""
                        MERGE (c:RewardCycle {cycleId: $row.cycleId})
                        ON CREATE SET c += $row, c.totalAmount = -1, c.state = 'PAYING', c.createdAt = $row.cycleEnd,
                                      c.createdBy = 'ledger'
                        """)
                .withParameters(Map.of("row", row))
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

    private List<CyclePlan> cycles(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).withConfig(config).execute().records().stream()
                .map(CyclePlanRepository::toPlan)
                .toList();
    }

    static CyclePlan toPlan(Record row) {
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
}
