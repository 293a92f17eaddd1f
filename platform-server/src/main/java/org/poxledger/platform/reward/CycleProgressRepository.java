package org.poxledger.platform.reward;

import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;

/** How far a cycle's payment got, counted over its entries in Neo4j. */
@Repository
class CycleProgressRepository {

    private final Driver driver;
    private final CyclePlanRepository plans;
    private final QueryConfig config = QueryConfig.defaultConfig();

    CycleProgressRepository(Driver driver, CyclePlanRepository plans) {
        this.driver = driver;
        this.plans = plans;
    }

    Optional<CycleProgress> progress(String cycleId) {
        return plans.find(cycleId).map(plan -> {
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
}
