package org.poxledger.bench.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.harness.Neo4j;
import org.poxledger.bench.BenchNeo4j;
import org.poxledger.bench.BenchResults;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.platform.PoxPlatformApplication;
import org.poxledger.platform.projection.GraphRebuild;
import org.poxledger.platform.projection.RebuildReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code rebuild_100k_s}: the server's own {@link GraphRebuild} (the real Spring wiring, every projection) replaying a
 * generated ledger of {@code pox.bench.rebuild-members} (default 100,000) members from block 0 into an empty Neo4j.
 *
 * <p>The ledger is an embedded-ledger journal, generated once per size under {@code bench/target} (registrations of
 * a {@link GeneratedTree.Shape#MIXED} tree through the real chaincode, each recruiter verified before its first
 * recruit) and reused by later runs.
 */
public final class RebuildBench {

    private static final Logger log = LoggerFactory.getLogger(RebuildBench.class);

    private RebuildBench() {}

    public static void main(String[] args) throws Exception {
        // the shim logs every routed call at INFO through JUL, as on a peer; the server quiets it in its own config
        java.util.logging.Logger.getLogger("org.hyperledger").setLevel(java.util.logging.Level.WARNING);
        int members = Integer.getInteger("pox.bench.rebuild-members", 100_000);
        Path out = Path.of(System.getProperty("pox.bench.out", "bench/results"));
        Path journal = Path.of("bench/target/ledger-" + members + ".journal");
        generateLedger(journal, members);
        try (Neo4j neo4j = BenchNeo4j.start()) {
            try (ConfigurableApplicationContext server = new SpringApplicationBuilder(PoxPlatformApplication.class)
                    // as arguments, so they win over application.yaml's environment defaults
                    .run(
                            "--spring.neo4j.uri=" + neo4j.boltURI(),
                            "--spring.neo4j.authentication.username=",
                            "--spring.neo4j.authentication.password=",
                            "--pox.ledger.mode=embedded",
                            "--pox.ledger.embedded.journal=" + journal.toAbsolutePath(),
                            "--pox.identity.account-hash-secret=bench-only-account-hash-secret-0123456789",
                            "--pox.projection.listener-enabled=false",
                            "--pox.projection.batch-size=" + Integer.getInteger("pox.bench.rebuild-batch-size", 1000),
                            "--server.address=127.0.0.1",
                            "--server.port=0")) {
                // the server may have added blocks at start (the default policy): replay up to the ledger's end
                long lastBlock = server.getBean(LedgerConnection.class).lastBlock();
                long started = System.nanoTime();
                RebuildReport report = server.getBean(GraphRebuild.class).rebuild(lastBlock, Duration.ofSeconds(30));
                double seconds = (System.nanoTime() - started) / 1e9;
                if (report.members() < members || report.counterMismatches() != 0) {
                    throw new IllegalStateException("the rebuild is incomplete or inconsistent: " + report);
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("rebuild_" + members / 1000 + "k_s", Math.round(seconds * 100) / 100.0);
                metrics.put("rebuild_events_per_s", (double) Math.round(report.eventsReplayed() / seconds));
                log.info(
                        "rebuilt {} members from {} events in {} s",
                        report.members(),
                        report.eventsReplayed(),
                        seconds);
                BenchResults.merge(
                        out.resolve("latest.json"), System.getProperty("pox.bench.commit", "unknown"), metrics);
            }
        }
    }

    /** @return the ledger's last block */
    private static long generateLedger(Path journal, int members) throws Exception {
        Path done = Path.of(journal + ".done");
        if (Files.exists(done)) {
            return Long.parseLong(Files.readString(done).strip());
        }
        Files.deleteIfExists(journal);
        Files.createDirectories(journal.toAbsolutePath().getParent());
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, members, 100);
        boolean[] verified = new boolean[members];
        long started = System.nanoTime();
        // The embedded ledger forces its journal to disk per transaction: on this VM's disk that alone held generation
        // to ~25 registrations/s. Written on a RAM disk instead (nothing to lose: the run makes it again) and moved
        // into place once complete.
        Path scratch = Files.createTempDirectory(scratchRoot(), "pox-bench-ledger");
        Path writing = scratch.resolve(journal.getFileName());
        try (EmbeddedLedger ledger = EmbeddedLedger.builder().journal(writing).open()) {
            ledger.submit("members:RegisterGenesisMember", GeneratedTree.id(0), TreeLoader.accountHash(0));
            verified[0] = true;
            for (int i = 1; i < members; i++) {
                int p = tree.parent()[i];
                if (!verified[p]) {
                    ledger.submit("members:VerifyMember", GeneratedTree.id(p));
                    verified[p] = true;
                }
                ledger.submit(
                        "members:RegisterMember", GeneratedTree.id(i), TreeLoader.accountHash(i), GeneratedTree.id(p));
                if (i % 10_000 == 0) {
                    log.info("ledger generation: {} members", i);
                }
            }
            long last = ledger.lastBlock();
            log.info(
                    "generated a ledger of {} members, {} blocks in {} s",
                    members,
                    last,
                    (System.nanoTime() - started) / 1e9);
            ledger.close();
            Files.move(writing, journal, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(done, Long.toString(last));
            return last;
        } finally {
            try (var left = Files.list(scratch)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
        }
    }

    /** @return {@code pox.bench.scratch}, else /dev/shm where it exists, else the temporary directory */
    private static Path scratchRoot() {
        String configured = System.getProperty("pox.bench.scratch");
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
