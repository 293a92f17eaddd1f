package org.poxledger.platform.level;

import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.poxledger.levels.LevelRule;
import org.poxledger.platform.graph.GraphProcedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full recompute run by the database's {@code pox.levels.recompute} procedure (module graph-procedures), where it
 * is installed: the rule goes in, the outcome comes back, and the million members never cross Bolt.
 */
final class InDatabaseRecompute {

    private static final Logger log = LoggerFactory.getLogger(InDatabaseRecompute.class);

    private static final String CALL = "CALL " + LevelRule.RECOMPUTE_PROCEDURE + "($rule, $changedAt, $cause)";

    private final Driver driver;
    private final GraphProcedure procedure;

    InDatabaseRecompute(Driver driver) {
        this.driver = driver;
        this.procedure = new GraphProcedure(
                driver,
                LevelRule.RECOMPUTE_PROCEDURE,
                "the level recompute runs over Bolt",
                GraphProcedure.Use.IF_INSTALLED);
    }

    boolean installed() {
        return procedure.installed();
    }

    DepthCounterRecomputer.Recompute run(LevelRule rule, long changedAt, String cause) {
        long started = System.nanoTime();
        Record outcome;
        // auto-commit: the procedure commits its own batches, so a retry of the whole call by the driver would only
        // find less to do, but a managed transaction would hold the call's (empty) transaction open around them
        try (Session session = driver.session()) {
            outcome = session.run(CALL, Map.of("rule", rule.parameter(), "changedAt", changedAt, "cause", cause))
                    .single();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        DepthCounterRecomputer.Recompute recompute = new DepthCounterRecomputer.Recompute(
                outcome.get("members").asLong(),
                outcome.get("corrected").asLong(),
                outcome.get("skipped").asList(Value::asString),
                outcome.get("levelChanges").asLong(),
                millis);
        log.info(
                "recomputed depth counters and levels of {} members in the database in {} ms (read {}, count {},"
                        + " write {}): {} rewritten, {} counters corrected, {} skipped, {} level changes",
                recompute.members(),
                millis,
                outcome.get("readMillis").asLong(),
                outcome.get("countMillis").asLong(),
                outcome.get("writeMillis").asLong(),
                outcome.get("rewritten").asLong(),
                recompute.corrected(),
                recompute.skipped().size(),
                recompute.levelChanges());
        return recompute;
    }
}
