package org.poxledger.platform.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.contract.model.RewardLine;
import org.springframework.stereotype.Repository;

/**
 * How a cycle's entries are cut into {@code PayRewardChunk} transactions: each {@code (:RewardEntry)} carries its chunk
 * number, and a chunk is pending while one of its entries is PLANNED, so the chunk state can never disagree with the
 * entries. {@code (:RewardChunk {chunkKey})} nodes are the receipts of recorded chunks.
 */
@Repository
class RewardChunkRepository {

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    RewardChunkRepository(Driver driver) {
        this.driver = driver;
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
    List<RewardLine> chunkEntries(String cycleId, int chunk) {
        return driver
                .executableQuery("MATCH (e:RewardEntry {cycleId: $cycleId}) WHERE e.chunk = $chunk RETURN "
                        + RewardEntryRepository.ENTRY_FIELDS + " ORDER BY e.memberId")
                .withParameters(Map.of("cycleId", cycleId, "chunk", chunk))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(row -> RewardEntryRepository.toEntry(row).entry())
                .toList();
    }

    /**
     * How the chaincode is told the cycle is cut ({@code RewardChunk.chunkStarts}): "" for chunk 0, then the lowest
     * member id of each further chunk. Chunks are runs of entries in member-id order, so these ranges hold exactly the
     * chunks' entries.
     */
    List<String> chunkStarts(String cycleId) {
        List<org.neo4j.driver.Record> rows = driver.executableQuery("""
                        MATCH (e:RewardEntry {cycleId: $cycleId})
                        RETURN e.chunk AS chunk, min(e.memberId) AS first ORDER BY chunk
                        """)
                .withParameters(Map.of("cycleId", cycleId))
                .withConfig(config)
                .execute()
                .records();
        List<String> starts = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            if (rows.get(k).get("chunk").asInt() != k) {
                throw new IllegalStateException("cycle " + cycleId + " has no chunk " + k + " but has chunk "
                        + rows.get(k).get("chunk").asInt());
            }
            starts.add(k == 0 ? "" : rows.get(k).get("first").asString());
        }
        return starts;
    }

    /**
     * Sets entries' chunk numbers and the cycle total, once all entries are known: by the chunk starts the ledger
     * recorded for the cycle when it has them (a cycle restored from the ledger resumes with the ranges it was begun
     * with), else every {@code chunkSize} entries in member-id order.
     */
    void renumberChunks(String cycleId, int chunkSize, long totalAmount) {
        driver.executableQuery("""
                        MATCH (c:RewardCycle {cycleId: $cycleId})
                        SET c.totalAmount = $totalAmount, c.chunkSize = $chunkSize
                        WITH c
                        MATCH (e:RewardEntry {cycleId: $cycleId})
                        WITH c, e ORDER BY e.memberId
                        WITH c, collect(e) AS entries
                        UNWIND range(0, size(entries) - 1) AS i
                        WITH c, entries[i] AS e, i
                        SET e.chunk = CASE WHEN coalesce(size(c.chunkStarts), 0) = 0 THEN i / $chunkSize
                                           ELSE size([s IN c.chunkStarts WHERE s <= e.memberId]) - 1 END
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
}
