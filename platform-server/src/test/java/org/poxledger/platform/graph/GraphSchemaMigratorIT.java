package org.poxledger.platform.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.poxledger.platform.support.Neo4jTestServer;

/** Against a private real Neo4j (each test drops the whole schema, which no other test may see). */
@Tag("graph-only")
class GraphSchemaMigratorIT {

    private static Neo4j server;
    private static Driver driver;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrivateServer() {
        server = Neo4jTestServer.startPrivate();
        driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
    }

    @AfterAll
    static void stopPrivateServer() {
        driver.close();
        server.close();
    }

    @BeforeEach
    void dropSchema() {
        driver.executableQuery("MATCH (n) DETACH DELETE n").execute();
        for (String name : names("SHOW CONSTRAINTS YIELD name RETURN name")) {
            driver.executableQuery("DROP CONSTRAINT " + name + " IF EXISTS").execute();
        }
        for (String name : names("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")) {
            driver.executableQuery("DROP INDEX " + name + " IF EXISTS").execute();
        }
    }

    @Test
    void applies_every_shipped_migration_once_in_version_order_and_records_it() {
        GraphSchemaMigrator migrator = migrator("classpath*:neo4j/migrations/V*.cypher");

        List<Integer> first = migrator.migrate();
        List<Integer> second = migrator.migrate();

        assertThat(first).hasSizeGreaterThanOrEqualTo(7).isSorted().startsWith(1, 2, 3, 4, 5, 6, 7);
        assertThat(second).isEmpty();
        assertThat(names("MATCH (m:__GraphMigration) RETURN m.description AS name ORDER BY m.version"))
                .startsWith("Member constraints", "Invitation constraints");
        assertThat(names("SHOW CONSTRAINTS YIELD name RETURN name"))
                .contains(
                        "member_id_unique",
                        "member_account_hash_unique",
                        "invitation_code_unique",
                        "invitation_open_account_unique",
                        "user_account_username_unique",
                        "graph_migration_version_unique");
        assertThat(names("SHOW INDEXES YIELD name RETURN name")).contains("member_registered_at", "invitation_inviter");
    }

    @Test
    void drops_the_level_values_members_no_longer_store_in_batches_and_keeps_their_counters_and_level() {
        // a graph written before V008: every level value on the node, and a member that never had any
        driver.executableQuery("""
                        UNWIND range(1, 25000) AS i
                        CREATE (:Member {memberId: 'm' + i, counts: [i, 0], level: 2, scoreBps: 30000,
                                         rateBps: 12000, levelPolicyVersion: 3})
                        """).execute();
        driver.executableQuery("CREATE (:Member {memberId: 'fresh', counts: [0, 0], level: 1})")
                .execute();

        migrator("classpath*:neo4j/migrations/V*.cypher").migrate();

        assertThat(names("""
                        MATCH (m:Member)
                        RETURN toString(count(m)) + ' members, ' + toString(count(m.scoreBps) + count(m.rateBps)
                               + count(m.levelPolicyVersion)) + ' level values, ' + toString(sum(m.counts[0]))
                               + ' counted, levels ' + toString(min(m.level)) + '..' + toString(max(m.level)) AS name
                        """)).containsExactly("25001 members, 0 level values, 312512500 counted, levels 1..2");
    }

    @Test
    void refuses_to_run_when_an_applied_migration_was_edited() throws IOException {
        write(
                "V001__Things.cypher",
                "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (t:Thing) REQUIRE t.id IS UNIQUE;\n");
        migrator(pattern()).migrate();
        write(
                "V001__Things.cypher",
                "CREATE CONSTRAINT thing_key IF NOT EXISTS FOR (t:Thing) REQUIRE t.key IS UNIQUE;\n");

        assertThatThrownBy(() -> migrator(pattern()).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V001 (Things) was edited after it was applied");
        assertThat(names("SHOW CONSTRAINTS YIELD name RETURN name")).doesNotContain("thing_key");
    }

    @Test
    void applies_only_the_new_migrations_on_a_later_start() throws IOException {
        write("V001__Things.cypher", "CREATE INDEX thing_name IF NOT EXISTS FOR (t:Thing) ON (t.name);\n");
        assertThat(migrator(pattern()).migrate()).containsExactly(1);
        write("V002__More_things.cypher", """
                // two statements, one comment
                CREATE INDEX thing_size IF NOT EXISTS FOR (t:Thing) ON (t.size);
                CREATE INDEX thing_colour IF NOT EXISTS FOR (t:Thing) ON (t.colour);
                """);

        assertThat(migrator(pattern()).migrate()).containsExactly(2);
        assertThat(names("SHOW INDEXES YIELD name RETURN name")).contains("thing_name", "thing_size", "thing_colour");
    }

    @Test
    void refuses_two_different_files_with_the_same_version() throws IOException {
        write("V003__One.cypher", "CREATE INDEX one IF NOT EXISTS FOR (t:Thing) ON (t.one);\n");
        write("V003__Other.cypher", "CREATE INDEX other IF NOT EXISTS FOR (t:Thing) ON (t.other);\n");

        assertThatThrownBy(() -> migrator(pattern()).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two graph migrations share version 3");
        assertThat(names("MATCH (m:__GraphMigration) RETURN toString(m.version) AS name"))
                .isEmpty();
    }

    @Test
    void several_instances_starting_at_once_apply_each_migration_exactly_once() throws Exception {
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                GraphSchemaMigrator migrator = migrator("classpath*:neo4j/migrations/V*.cypher");
                results.add(pool.submit(() -> {
                    start.await();
                    return migrator.migrate();
                }));
            }
            start.countDown();
            List<Integer> appliedByAll = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                appliedByAll.addAll(result.get(2, TimeUnit.MINUTES));
            }

            List<String> recorded = names("MATCH (m:__GraphMigration) RETURN toString(m.version) AS name");
            assertThat(appliedByAll).doesNotHaveDuplicates().hasSameSizeAs(recorded);
            assertThat(recorded).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(7);
            assertThat(names("MATCH (l:__GraphMigrationLock) RETURN l.name AS name"))
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private GraphSchemaMigrator migrator(String location) {
        return new GraphSchemaMigrator(driver, new GraphProperties(location, null, null));
    }

    private String pattern() {
        return "file:" + dir.toAbsolutePath() + "/V*.cypher";
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<String> names(String query) {
        return driver.executableQuery(query).execute().records().stream()
                .map(r -> r.get("name").asString())
                .toList();
    }
}
