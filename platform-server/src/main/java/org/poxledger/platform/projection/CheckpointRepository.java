package org.poxledger.platform.projection;

import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.ledger.LedgerEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;

/**
 * The listener's checkpoint, {@code (:ProjectionCheckpoint {id: 'chaincode-events'})}. It only moves forward (by
 * block), so a lagging listener of another instance cannot drag it back past blocks already applied.
 *
 * <p>Every instance on one ledger shares it. {@code pox.projection.checkpoint-id} names another one only for servers
 * that share a Neo4j database but not a ledger (test contexts, each on a fresh ledger): block numbers of one ledger
 * mean nothing on another.
 */
@Repository
class CheckpointRepository {

    static final String DEFAULT_ID = "chaincode-events";

    private final Driver driver;
    private final String id;
    private final QueryConfig config = QueryConfig.defaultConfig();

    @Autowired
    CheckpointRepository(Driver driver, @Value("${pox.projection.checkpoint-id:" + DEFAULT_ID + "}") String id) {
        this.driver = driver;
        this.id = id;
    }

    CheckpointRepository(Driver driver) {
        this(driver, DEFAULT_ID);
    }

    Optional<ProjectionCheckpoint> load() {
        return driver
                .executableQuery("""
                        MATCH (c:ProjectionCheckpoint {id: $id})
                        RETURN c.blockNumber AS blockNumber, c.transactionId AS transactionId
                        """)
                .withParameters(Map.of("id", id))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(row -> new ProjectionCheckpoint(
                        row.get("blockNumber").asLong(),
                        row.get("transactionId").asString()));
    }

    void save(LedgerEvent event, long appliedAt) {
        driver.executableQuery("""
                        MERGE (c:ProjectionCheckpoint {id: $id})
                        WITH c WHERE c.blockNumber IS NULL OR c.blockNumber <= $blockNumber
                        SET c.blockNumber = $blockNumber, c.transactionId = $transactionId,
                            c.eventName = $eventName, c.appliedAt = $appliedAt
                        """)
                .withParameters(Map.of(
                        "id", id,
                        "blockNumber", event.blockNumber(),
                        "transactionId", event.transactionId(),
                        "eventName", event.name(),
                        "appliedAt", appliedAt))
                .withConfig(config)
                .execute();
    }

    void reset() {
        driver.executableQuery("MATCH (c:ProjectionCheckpoint {id: $id}) DELETE c")
                .withParameters(Map.of("id", id))
                .withConfig(config)
                .execute();
    }
}
