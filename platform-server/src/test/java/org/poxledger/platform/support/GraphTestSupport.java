package org.poxledger.platform.support;

import java.time.Clock;
import org.neo4j.driver.Driver;
import org.poxledger.platform.graph.GraphProcedure;
import org.poxledger.platform.graph.GraphProperties;
import org.poxledger.platform.graph.GraphSchemaMigrator;
import org.poxledger.platform.level.DepthCounterRecomputer;
import org.poxledger.platform.level.LevelRecorder;
import org.poxledger.platform.level.LevelService;
import org.poxledger.platform.member.MemberBatchProjection;
import org.poxledger.platform.member.MemberProjection;
import org.poxledger.platform.policy.RewardPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graph beans wired by hand over the shared {@link Neo4jTestServer}, for repository tests without Spring: schema
 * migrated, data deleted, a {@link FixedPolicyCatalog} in place of the ledger's policies.
 *
 * <pre>{@code
 * GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
 * graph.projection().apply("MemberRegistered", memberJson);
 * }</pre>
 */
public final class GraphTestSupport {

    private final Driver driver;
    private final FixedPolicyCatalog policies;
    private final LevelRecorder recorder;
    private final MemberProjection projection;
    private final MemberBatchProjection batchProjection;
    private final MemberProjection cypherProjection;
    private final MemberBatchProjection cypherBatchProjection;
    private final LevelService levels;
    private final DepthCounterRecomputer counters;

    private GraphTestSupport(RewardPolicy policy) {
        driver = Neo4jTestServer.driver();
        policies = new FixedPolicyCatalog(policy);
        recorder = new LevelRecorder(policies);
        projection = new MemberProjection(driver, JsonMapper.builder().build(), recorder);
        batchProjection = new MemberBatchProjection(driver, JsonMapper.builder().build(), recorder);
        cypherProjection =
                new MemberProjection(driver, JsonMapper.builder().build(), recorder, GraphProcedure.Use.NEVER);
        cypherBatchProjection =
                new MemberBatchProjection(driver, JsonMapper.builder().build(), recorder, GraphProcedure.Use.NEVER);
        levels = new LevelService(driver, policies);
        counters = new DepthCounterRecomputer(driver, recorder, Clock.systemUTC());
    }

    /** @return support over a migrated, empty graph */
    public static GraphTestSupport fresh(RewardPolicy policy) {
        migrate();
        Neo4jTestServer.deleteAllData(Neo4jTestServer.driver());
        return new GraphTestSupport(policy);
    }

    /** Applies the real migrations to the shared server (idempotent). */
    public static void migrate() {
        new GraphSchemaMigrator(Neo4jTestServer.driver(), new GraphProperties(null, null, null)).migrate();
    }

    public Driver driver() {
        return driver;
    }

    public FixedPolicyCatalog policies() {
        return policies;
    }

    public LevelRecorder recorder() {
        return recorder;
    }

    public MemberProjection projection() {
        return projection;
    }

    public MemberBatchProjection batchProjection() {
        return batchProjection;
    }

    /** @return the single projection counting in Cypher, as on a database without {@code pox.members.count} */
    public MemberProjection cypherProjection() {
        return cypherProjection;
    }

    /** @return the batch projection counting in Cypher, as on a database without {@code pox.members.count} */
    public MemberBatchProjection cypherBatchProjection() {
        return cypherBatchProjection;
    }

    public LevelService levels() {
        return levels;
    }

    public DepthCounterRecomputer counters() {
        return counters;
    }
}
