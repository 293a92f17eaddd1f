package org.poxledger.platform.reward;

import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.springframework.stereotype.Repository;

/**
 * The runner lease of a cycle ({@code runnerOwner}, {@code runnerLeaseUntil} on its {@code (:RewardCycle)}): one runner
 * per cycle across instances; a lease left by a crashed instance expires.
 */
@Repository
class CycleLeaseRepository {

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    CycleLeaseRepository(Driver driver) {
        this.driver = driver;
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
}
