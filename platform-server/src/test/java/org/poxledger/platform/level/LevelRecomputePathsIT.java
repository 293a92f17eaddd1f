package org.poxledger.platform.level;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;

/**
 * The full recompute inside the database ({@code pox.levels.recompute}, registered in the test Neo4j as the launcher
 * registers it) writes exactly what the recompute over Bolt writes, from the same damaged graph: the same properties
 * with the same types on every member, the same level changes, the same outcome.
 */
@Tag("graph-only")
class LevelRecomputePathsIT {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

    // every property either path may write, with its type (a long written as an int would read the same in Cypher,
    // so the types are compared explicitly), and every property key, so that neither writes anything else
    private static final String MEMBERS = """
            MATCH (m:Member)
            RETURN m.memberId AS memberId, m.counts AS counts, valueType(m.counts) AS countsType,
                   m.level AS level, valueType(m.level) AS levelType,
                   COLLECT { UNWIND keys(m) AS key RETURN key ORDER BY key } AS keys
            ORDER BY memberId
            """;

    private static final String CHANGES = """
            MATCH (m:Member)-[:LEVEL_CHANGED]->(c:LevelChange {cause: 'recompute'})
            RETURN m.memberId AS member, c.memberId AS memberId, c.fromLevel AS fromLevel, c.toLevel AS toLevel,
                   c.scoreBps AS scoreBps, c.policyVersion AS policyVersion, c.changedAt AS changedAt,
                   valueType(c.toLevel) AS toLevelType
            ORDER BY memberId
            """;

    @Test
    void the_recompute_in_the_database_writes_what_the_recompute_over_bolt_writes() {
        Random random = new Random(2026);
        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        int[] parent = LevelEngineIT.randomForest(random, 3000);
        LevelEngineIT.project(graph, parent);
        damage(graph.driver(), random);
        // a deeper policy: most members with recruits change level, so level changes are compared too
        graph.policies().use(LevelEngineIT.tenLevelPolicy());
        List<Map<String, Object>> damaged = rows(graph.driver(), MEMBERS);

        DepthCounterRecomputer overBolt = new DepthCounterRecomputer(
                graph.driver(), graph.recorder(), FIXED, DepthCounterRecomputer.Where.OVER_BOLT);
        DepthCounterRecomputer.Recompute bolt = overBolt.recompute();
        List<Map<String, Object>> boltMembers = rows(graph.driver(), MEMBERS);
        List<Map<String, Object>> boltChanges = rows(graph.driver(), CHANGES);

        restore(graph.driver(), damaged);
        assertThat(rows(graph.driver(), MEMBERS)).isEqualTo(damaged);
        assertThat(new InDatabaseRecompute(graph.driver()).installed()).isTrue();
        DepthCounterRecomputer inDatabase = new DepthCounterRecomputer(graph.driver(), graph.recorder(), FIXED);
        DepthCounterRecomputer.Recompute procedure = inDatabase.recompute();

        assertThat(bolt.corrected()).isGreaterThan(100);
        assertThat(bolt.levelChanges()).isGreaterThan(100);
        assertThat(procedure.members()).isEqualTo(bolt.members()).isEqualTo(3000);
        assertThat(procedure.corrected()).isEqualTo(bolt.corrected());
        assertThat(procedure.levelChanges()).isEqualTo(bolt.levelChanges());
        assertThat(procedure.skipped()).isEqualTo(bolt.skipped()).isEmpty();
        assertThat(rows(graph.driver(), MEMBERS)).isEqualTo(boltMembers);
        assertThat(rows(graph.driver(), CHANGES)).isEqualTo(boltChanges).hasSize((int) bolt.levelChanges());
        assertThat(graph.counters().check().consistent()).isTrue();
        // nothing left to do: a second run writes nothing
        assertThat(inDatabase.recompute().corrected()).isZero();
    }

    /** Wrong counters, missing counters and wrong levels on random members. */
    private static void damage(Driver driver, Random random) {
        List<String> wrongCounts = sample(random, 150);
        List<String> noCounts = sample(random, 40);
        List<String> wrongLevel = sample(random, 80);
        driver.executableQuery("UNWIND $ids AS id MATCH (m:Member {memberId: id}) SET m.counts = [7] + m.counts[1..]")
                .withParameters(Map.of("ids", wrongCounts))
                .execute();
        driver.executableQuery("UNWIND $ids AS id MATCH (m:Member {memberId: id}) REMOVE m.counts")
                .withParameters(Map.of("ids", noCounts))
                .execute();
        driver.executableQuery("""
                        UNWIND $ids AS id MATCH (m:Member {memberId: id})
                        SET m.level = 3
                        """).withParameters(Map.of("ids", wrongLevel)).execute();
    }

    private static List<String> sample(Random random, int n) {
        return random.ints(n, 0, 3000).mapToObj(LevelEngineIT::id).distinct().toList();
    }

    /** Puts the members' properties back as they were read, and removes what the first recompute recorded. */
    private static void restore(Driver driver, List<Map<String, Object>> members) {
        driver.executableQuery("MATCH (c:LevelChange {cause: 'recompute'}) DETACH DELETE c")
                .execute();
        driver.executableQuery("""
                        UNWIND $rows AS row
                        MATCH (m:Member {memberId: row.memberId})
                        SET m.counts = row.counts, m.level = row.level
                        """).withParameters(Map.of("rows", members)).execute();
    }

    private static List<Map<String, Object>> rows(Driver driver, String query) {
        return driver.executableQuery(query).execute().records().stream()
                .map(record -> record.asMap())
                .toList();
    }
}
