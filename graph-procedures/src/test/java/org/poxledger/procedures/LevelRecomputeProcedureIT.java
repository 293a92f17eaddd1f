package org.poxledger.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.poxledger.contract.model.Tier;
import org.poxledger.levels.LevelRule;

/**
 * The procedure on a database that has never held a counter: members and edges only, so none of the level
 * properties' key tokens exist yet (a graph loaded by hand, or a store older than the counters). The kernel read must
 * then select no property rather than fail or select them all, and the recompute writes every member's counters.
 */
class LevelRecomputeProcedureIT {

    private static final LevelRule RULE =
            LevelRule.of(1, 10, List.of(10000, 5000), List.of(new Tier(1, 0, 0, 10000), new Tier(2, 2, 20000, 12500)));

    private static Neo4j neo4j;
    private static GraphDatabaseService db;

    @BeforeAll
    static void start() {
        neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withProcedure(LevelRecomputeProcedure.class)
                .build();
        db = neo4j.defaultDatabaseService();
    }

    @AfterAll
    static void stop() {
        neo4j.close();
    }

    @Test
    void counts_and_levels_members_whose_level_properties_were_never_written_anywhere() {
        db.executeTransactionally("""
                CREATE (a:Member {memberId: 'a'}), (b:Member {memberId: 'b'}), (c:Member {memberId: 'c'}),
                       (d:Member {memberId: 'd'})
                CREATE (a)-[:RECOMMENDED]->(b), (a)-[:RECOMMENDED]->(c), (b)-[:RECOMMENDED]->(d)
                """);

        Map<String, Object> outcome = db.executeTransactionally(
                "CALL pox.levels.recompute($rule, 1700000000000, 'test')",
                Map.of("rule", RULE.parameter()),
                result -> result.next());

        assertThat(outcome).containsEntry("members", 4L).containsEntry("corrected", 4L);
        assertThat(outcome.get("skipped")).isEqualTo(List.of());
        Map<String, Object> a = member("a");
        assertThat((long[]) a.get("counts")).containsExactly(2, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        // 2 direct and 1 at depth 2: score 2 * 10000 + 5000 = 25000 bps, two direct recruits: level 2; the score and
        // rate are derived on read, not stored
        assertThat(a).containsEntry("level", 2L).doesNotContainKeys("scoreBps", "rateBps", "levelPolicyVersion");
        assertThat((long[]) member("d").get("counts")).containsOnly(0);
    }

    private static Map<String, Object> member(String id) {
        return db.executeTransactionally(
                "MATCH (m:Member {memberId: $id}) RETURN properties(m) AS p", Map.of("id", id), result -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> properties =
                            (Map<String, Object>) result.next().get("p");
                    return properties;
                });
    }
}
