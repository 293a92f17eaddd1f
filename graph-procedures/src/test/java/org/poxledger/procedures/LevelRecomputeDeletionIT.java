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

/** A member deleted between the recompute's read and its write: the others are written, the deleted one is let be. */
class LevelRecomputeDeletionIT {

    private static final LevelRule RULE =
            LevelRule.of(1, 10, List.of(10000, 5000), List.of(new Tier(1, 0, 0, 10000), new Tier(2, 2, 20000, 12500)));
    private static final long[] ZEROS = new long[10];

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
    void a_member_deleted_after_the_read_is_neither_written_nor_reported_and_the_rest_is_written() {
        // a -> b -> d, a -> c -> e, all as the projection creates them (zero counters, level 1)
        db.executeTransactionally("""
                UNWIND ['a', 'b', 'c', 'd', 'e'] AS id
                CREATE (:Member {memberId: id, counts: $zeros, level: 1})
                """, Map.of("zeros", ZEROS));
        db.executeTransactionally("""
                UNWIND [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'e']] AS edge
                MATCH (r:Member {memberId: edge[0]}), (m:Member {memberId: edge[1]})
                CREATE (r)-[:RECOMMENDED]->(m)
                """);
        // c, whose counters the read found wrong, is gone by the time the write reaches it
        LevelRecomputeProcedure.beforeWrite =
                () -> db.executeTransactionally("MATCH (c:Member {memberId: 'c'}) DETACH DELETE c");
        Map<String, Object> outcome;
        try {
            outcome = db.executeTransactionally(
                    "CALL pox.levels.recompute($rule, 1700000000000, 'test')",
                    Map.of("rule", RULE.parameter()),
                    result -> result.next());
        } finally {
            LevelRecomputeProcedure.beforeWrite = null;
        }

        // a (2 direct, 2 at depth 2, as read: score 30000, level 2) and b were written; c was not, and is no skip
        assertThat(outcome)
                .containsEntry("members", 5L)
                .containsEntry("rewritten", 3L)
                .containsEntry("corrected", 2L)
                .containsEntry("levelChanges", 1L)
                .containsEntry("skipped", List.of());
        assertThat(counts("a")).containsExactly(2, 2, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(counts("b")).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Object changes = db.executeTransactionally(
                "MATCH (c:LevelChange) RETURN collect(c.memberId + ':' + c.toLevel) AS changes",
                Map.of(),
                result -> result.next().get("changes"));
        assertThat(changes).isEqualTo(List.of("a:2"));
        Object members =
                db.executeTransactionally("MATCH (m:Member) RETURN count(m) AS n", Map.of(), result -> result.next()
                        .get("n"));
        assertThat(members).isEqualTo(4L);
    }

    private static long[] counts(String id) {
        return db.executeTransactionally(
                "MATCH (m:Member {memberId: $id}) RETURN m.counts AS counts", Map.of("id", id), result ->
                        (long[]) result.next().get("counts"));
    }
}
