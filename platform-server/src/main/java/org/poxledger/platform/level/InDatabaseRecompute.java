package org.poxledger.platform.level;

import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.poxledger.levels.LevelRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full recompute run by the database's {@code pox.levels.recompute} procedure (module graph-procedures), where it
 * is installed: the rule goes in, the outcome comes back, and the million members never cross Bolt.
 */
final class InDatabaseRecompute {

    private static final Logger log = LoggerFactory.getLogger(InDatabaseRecompute.class);

    private static final String PROCEDURE = LevelRule.RECOMPUTE_PROCEDURE;

    private static final String INSTALLED = "SHOW PROCEDURES YIELD name WHERE name = $name RETURN count(*) > 0";

    private static final String CALL = "CALL " + PROCEDURE + "($rule, $changedAt, $cause)";

    private final Driver driver;
    // asked once: a procedure is installed or removed only with a database restart, which restarts the server too
    private volatile Boolean installed;

    InDatabaseRecompute(Driver driver) {
        this.driver = driver;
    }

    boolean installed() {
        Boolean known = installed;
        if (known == null) {
            try (Session session = driver.session()) {
                known = session.run(INSTALLED, Map.of("name", PROCEDURE))
                        .single()
                        .get(0)
                        .asBoolean();
            }
            installed = known;
            log.info(
                    known
                            ? "level recompute runs in the database ({} is installed)"
                            : "level recompute runs over Bolt ({} is not installed: see graph-procedures)",
                    PROCEDURE);
        }
        return known;
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
