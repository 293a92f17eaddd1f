package org.poxledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.poxledger.procedures.LevelRecomputeProcedure;
import org.poxledger.procedures.RegistrationCountProcedure;

/**
 * The benchmarks' Neo4j: in-process, configured as the embedded launcher runs it rather than as Neo4j's test harness
 * defaults to. The harness gives the page cache 8 MiB, fine for a unit test and ruinous for a million-member store
 * (every read past the first few thousand nodes goes to disk); the launcher's default is {@value #PAGE_CACHE_MIB}
 * MiB, which holds a 1M-member graph. {@code pox.bench.neo4j-pagecache-mib} overrides it.
 */
public final class BenchNeo4j {

    /** As the launcher's {@code POX_NEO4J_PAGECACHE_MIB} default. */
    public static final long PAGE_CACHE_MIB = 2048;

    private BenchNeo4j() {}

    /** @return a started DBMS in a fresh temporary directory, Bolt only, with the PoX procedures registered */
    public static Neo4j start() throws IOException {
        return Neo4jBuilders.newInProcessBuilder(Files.createTempDirectory("pox-bench-neo4j"))
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .withConfig(
                        GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.getLong("pox.bench.neo4j-pagecache-mib", PAGE_CACHE_MIB)))
                // as the embedded launcher does: the level recompute runs in the database
                .withProcedure(LevelRecomputeProcedure.class)
                .withProcedure(RegistrationCountProcedure.class)
                .build();
    }
}
