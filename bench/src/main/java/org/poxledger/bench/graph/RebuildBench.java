package org.poxledger.bench.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.harness.Neo4j;
import org.poxledger.bench.BenchNeo4j;
import org.poxledger.bench.BenchResults;
import org.poxledger.bench.fabric.TestChannel;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.PoxPlatformApplication;
import org.poxledger.platform.projection.GraphRebuild;
import org.poxledger.platform.projection.RebuildReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code rebuild_100k_s}: the server's own {@link GraphRebuild} (the real Spring wiring, every projection) replaying a
 * ledger of {@code pox.bench.rebuild-members} (default 100,000) registered members from block 0 into an empty Neo4j.
 *
 * <p>{@code pox.bench.ledger=fabric} replays a channel of the local Fabric network ({@link FabricRebuildLedger}): the
 * issue's figure, {@code rebuild_<N>k_s}. The default, {@code embedded}, replays an embedded-ledger journal ({@link
 * EmbeddedRebuildLedger}) and keeps its figure beside it as {@code rebuild_<N>k_s_embedded}. Both ledgers hold the
 * registrations of the same generated tree.
 */
public final class RebuildBench {

    static final long TREE_SEED = 100;

    private static final Logger log = LoggerFactory.getLogger(RebuildBench.class);

    private RebuildBench() {}

    public static void main(String[] args) throws Exception {
        // the shim logs every routed call at INFO through JUL, as on a peer; the server quiets it in its own config
        java.util.logging.Logger.getLogger("org.hyperledger").setLevel(java.util.logging.Level.WARNING);
        int members = Integer.getInteger("pox.bench.rebuild-members", 100_000);
        boolean onFabric = "fabric".equals(System.getProperty("pox.bench.ledger", "embedded"));
        Path out = Path.of(System.getProperty("pox.bench.out", "bench/results"));
        List<String> ledger;
        if (onFabric) {
            Path repository = Path.of(System.getProperty("pox.bench.repository", "."))
                    .toAbsolutePath()
                    .normalize();
            Path networkDir = repository.resolve(".pox/network");
            if (!TestChannel.networkExists(networkDir)) {
                log.warn("no local Fabric network in {}: the rebuild benchmark on Fabric was SKIPPED", networkDir);
                return;
            }
            ledger = fabricArguments(FabricRebuildLedger.prepare(
                    repository, networkDir, members, Integer.getInteger("pox.bench.register-clients", 256)));
        } else {
            ledger = List.of(
                    "--pox.ledger.mode=embedded",
                    "--pox.ledger.embedded.journal="
                            + EmbeddedRebuildLedger.prepare(members).toAbsolutePath());
        }
        try (Neo4j neo4j = BenchNeo4j.start()) {
            List<String> arguments = new ArrayList<>(List.of(
                    // as arguments, so they win over application.yaml's environment defaults
                    "--spring.neo4j.uri=" + neo4j.boltURI(),
                    "--spring.neo4j.authentication.username=",
                    "--spring.neo4j.authentication.password=",
                    "--pox.identity.account-hash-secret=bench-only-account-hash-secret-0123456789",
                    "--pox.projection.listener-enabled=false",
                    "--pox.projection.batch-size=" + Integer.getInteger("pox.bench.rebuild-batch-size", 1000),
                    "--server.address=127.0.0.1",
                    "--server.port=0"));
            arguments.addAll(ledger);
            try (ConfigurableApplicationContext server =
                    new SpringApplicationBuilder(PoxPlatformApplication.class).run(arguments.toArray(String[]::new))) {
                // the server may have added blocks at start (the default policy): replay up to the ledger's end
                long lastBlock = server.getBean(LedgerConnection.class).lastBlock();
                long started = System.nanoTime();
                RebuildReport report = server.getBean(GraphRebuild.class).rebuild(lastBlock, Duration.ofSeconds(30));
                double seconds = (System.nanoTime() - started) / 1e9;
                if (report.members() < members || report.counterMismatches() != 0) {
                    throw new IllegalStateException("the rebuild is incomplete or inconsistent: " + report);
                }
                String suffix = onFabric ? "" : "_embedded";
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("rebuild_" + members / 1000 + "k_s" + suffix, Math.round(seconds * 100) / 100.0);
                metrics.put("rebuild_events_per_s" + suffix, (double) Math.round(report.eventsReplayed() / seconds));
                log.info(
                        "rebuilt {} members from {} events ({} blocks) in {} s on the {} ledger",
                        report.members(),
                        report.eventsReplayed(),
                        lastBlock,
                        seconds,
                        onFabric ? "Fabric" : "embedded");
                BenchResults.merge(
                        out.resolve("latest.json"), System.getProperty("pox.bench.commit", "unknown"), metrics);
            }
        }
    }

    /** The server's settings for the channel, as PoxTestProperties gives them to the Fabric integration tests. */
    private static List<String> fabricArguments(TestChannel channel) {
        Map<String, String> fabric = channel.variables();
        return List.of(
                "--pox.ledger.mode=fabric",
                "--pox.ledger.fabric.peer-endpoint=" + fabric.get("POX_FABRIC_PEER_ENDPOINT"),
                "--pox.ledger.fabric.server-name=" + fabric.getOrDefault("POX_FABRIC_SERVER_NAME", ""),
                "--pox.ledger.fabric.tls-cert=" + fabric.get("POX_FABRIC_TLS_CA_CERT"),
                "--pox.ledger.fabric.msp-id=" + fabric.get("POX_FABRIC_MSP_ID"),
                "--pox.ledger.fabric.cert=" + fabric.get("POX_FABRIC_CERT"),
                "--pox.ledger.fabric.key-dir=" + fabric.get("POX_FABRIC_KEY"),
                "--pox.ledger.fabric.chaincode=" + fabric.getOrDefault("POX_FABRIC_CHAINCODE", "pox"),
                "--pox.ledger.fabric.channel=" + channel.name());
    }
}
