package org.poxledger.bench.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.poxledger.platform.graph.GraphProperties;
import org.poxledger.platform.graph.GraphSchemaMigrator;
import org.poxledger.platform.level.DepthCounterRecomputer;
import org.poxledger.platform.level.DepthCounts;
import org.poxledger.platform.level.LevelRecorder;
import org.poxledger.platform.member.MemberBatchProjection;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounded run of the generated fixtures (10k members, every shape): the batched projection and the full recompute
 * agree with counters counted in plain Java, so the benchmarks measure work that gives the right answer.
 */
class GeneratedTreeIT {

    private static Neo4j neo4j;
    private static Driver driver;

    private final PolicyCatalog policies = new PolicyCatalog() {
        @Override
        public RewardPolicy current() {
            return RewardPolicy.defaultPolicy();
        }

        @Override
        public Optional<RewardPolicy> version(int version) {
            return Optional.of(RewardPolicy.defaultPolicy());
        }
    };
    private final LevelRecorder recorder = new LevelRecorder(policies);

    @BeforeAll
    static void startNeo4j() throws Exception {
        Path work = Files.createTempDirectory("pox-bench-it-neo4j");
        neo4j = Neo4jBuilders.newInProcessBuilder(work).withDisabledServer().build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        new GraphSchemaMigrator(driver, new GraphProperties(null, null, null)).migrate();
    }

    @AfterAll
    static void stopNeo4j() {
        driver.close();
        neo4j.close();
    }

    @Test
    void every_shape_has_what_it_is_named_for() {
        GeneratedTree chains = GeneratedTree.generate(GeneratedTree.Shape.DEEP_CHAINS, 10_000, 1);
        GeneratedTree fans = GeneratedTree.generate(GeneratedTree.Shape.WIDE_FANS, 10_000, 1);
        GeneratedTree powerLaw = GeneratedTree.generate(GeneratedTree.Shape.POWER_LAW, 10_000, 1);

        assertThat(chains.depth()).isGreaterThan(100);
        assertThat(fans.widestFan()).isGreaterThan(1000);
        assertThat(fans.depth()).isLessThan(chains.depth());
        assertThat(powerLaw.widestFan()).isGreaterThan(100);
        assertThat(GeneratedTree.generate(GeneratedTree.Shape.MIXED, 10_000, 1).parent())
                .isEqualTo(GeneratedTree.generate(GeneratedTree.Shape.MIXED, 10_000, 1)
                        .parent());
    }

    @Test
    void the_batched_projection_of_a_generated_tree_counts_what_plain_java_counts() {
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, 10_000, 5);
        wipe();
        MemberBatchProjection batch =
                new MemberBatchProjection(driver, JsonMapper.builder().build(), recorder);
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            payloads.add(TreeLoader.registeredJson(tree, i, 0));
        }

        for (int from = 0; from < payloads.size(); from += 1000) {
            batch.applyAll(payloads.subList(from, Math.min(payloads.size(), from + 1000)));
        }

        assertThat(storedCounts(tree)).isDeepEqualTo(tree.depthCounts(DepthCounts.MAX_DEPTH));
    }

    @Test
    void the_full_recompute_of_a_loaded_tree_writes_what_plain_java_counts() {
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, 10_000, 6);
        wipe();
        TreeLoader.load(driver, tree, 0);
        DepthCounterRecomputer recomputer = new DepthCounterRecomputer(driver, recorder, Clock.systemUTC());

        DepthCounterRecomputer.Recompute first = recomputer.recompute();
        DepthCounterRecomputer.Recompute second = recomputer.recompute();

        assertThat(first.corrected()).isPositive();
        assertThat(second.corrected()).isZero();
        assertThat(storedCounts(tree)).isDeepEqualTo(tree.depthCounts(DepthCounts.MAX_DEPTH));
        assertThat(recomputer.check().consistent()).isTrue();
    }

    private static long[][] storedCounts(GeneratedTree tree) {
        long[][] counts = new long[tree.size()][];
        driver.executableQuery("MATCH (m:Member) RETURN m.memberId AS id, m.counts AS counts")
                .execute()
                .records()
                .forEach(r -> counts[Integer.parseInt(r.get("id").asString().substring(1))] =
                        DepthCounts.toArray(r.get("counts").asList(v -> v.asLong())));
        return counts;
    }

    private static void wipe() {
        try (Session session = driver.session()) {
            session.run("""
                            MATCH (n) WHERE NOT n:__GraphMigration
                            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
        }
    }
}
