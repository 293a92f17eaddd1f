package org.poxledger.platform.projection;

import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.ledger.LedgerEvent;
import org.springframework.stereotype.Repository;

/**
 * The listener's checkpoint, {@code (:ProjectionCheckpoint {id: 'chaincode-events'})}. It only moves forward (by
 * block), so a lagging listener of another instance cannot drag it back past blocks already applied.
 */
@Repository
class CheckpointRepository {

    static final String ID = "chaincode-events";

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    CheckpointRepository(Driver driver) {
        this.driver = driver;
    }

    Optional<ProjectionCheckpoint> load() {
        return driver
                .executableQuery("""
                        MATCH (c:ProjectionCheckpoint {id: $id})
                        RETURN c.blockNumber AS blockNumber, c.transactionId AS transactionId
                        """)
                .withParameters(Map.of("id", ID))
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
                        "id", ID,
                        "blockNumber", event.blockNumber(),
                        "transactionId", event.transactionId(),
                        "eventName", event.name(),
                        "appliedAt", appliedAt))
                .withConfig(config)
                .execute();
    }

    void reset() {
        driver.executableQuery("MATCH (c:ProjectionCheckpoint {id: $id}) DELETE c")
                .withParameters(Map.of("id", ID))
                .withConfig(config)
                .execute();
    }
}
