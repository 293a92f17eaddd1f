package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.poxledger.ledger.LedgerException;

/**
 * The local Fabric network that {@code network-config/network.sh up} runs, as the integration tests reach it.
 *
 * <p>Settings come from the process environment ({@code POX_FABRIC_*}) first, then from the {@code fabric.env} file
 * network.sh writes into the network directory. That directory is {@code POX_FABRIC_NETWORK_DIR}, else the system
 * property {@code pox.fabric.networkDir} (failsafe sets it to {@code <repo>/.pox/network}).
 *
 * <p>There is no silent skip: a network that is not up fails the tests with instructions. Only
 * {@code -Dpox.skipFabricIT=true} (Makefile: {@code POX_SKIP_FABRIC=1}) skips them, in the pom.
 */
final class FabricTestNetwork {

    private static final String HOW_TO_START = "Start the network with `network-config/network.sh up` (or `make"
            + " network-up`), or skip the Fabric integration tests explicitly with -Dpox.skipFabricIT=true"
            + " (Makefile: POX_SKIP_FABRIC=1).";

    private final Map<String, String> variables;
    private final Path directory;

    private FabricTestNetwork(Map<String, String> variables, Path directory) {
        this.variables = variables;
        this.directory = directory;
    }

    /** @return the network directory network.sh works in */
    Path directory() {
        return directory;
    }

    static FabricTestNetwork fromEnvironment() {
        Path directory = Optional.ofNullable(System.getenv("POX_FABRIC_NETWORK_DIR"))
                .or(() -> Optional.ofNullable(System.getProperty("pox.fabric.networkDir")))
                .map(Path::of)
                .orElse(Path.of("..", ".pox", "network"))
                .toAbsolutePath()
                .normalize();
        Path envFile = directory.resolve("fabric.env");
        Map<String, String> variables = new HashMap<>();
        if (Files.isRegularFile(envFile)) {
            variables.putAll(FabricLedgerSettings.readEnvFile(envFile));
        } else if (System.getenv("POX_FABRIC_PEER_ENDPOINT") == null) {
            fail("The Fabric network is not set up: " + envFile + " does not exist. " + HOW_TO_START);
        }
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("POX_FABRIC_")) {
                variables.put(name, value);
            }
        });
        return new FabricTestNetwork(variables, directory);
    }

    /** @return the platform operator (PlatformOrg Admin: node OU admin) */
    FabricLedgerConnection operator() {
        return connect(FabricLedgerSettings.fromVariables(variables::get));
    }

    /** @return a client of AuditorOrg, a channel member that is not the operator */
    FabricLedgerConnection auditor() {
        Map<String, String> auditor = new HashMap<>(variables);
        auditor.put("POX_FABRIC_MSP_ID", require("POX_FABRIC_AUDITOR_MSP_ID"));
        auditor.put("POX_FABRIC_CERT", require("POX_FABRIC_AUDITOR_CERT"));
        auditor.put("POX_FABRIC_KEY", require("POX_FABRIC_AUDITOR_KEY"));
        return connect(FabricLedgerSettings.fromVariables(auditor::get));
    }

    private FabricLedgerConnection connect(FabricLedgerSettings settings) {
        FabricLedgerConnection connection = FabricLedgerConnection.connect(settings);
        try {
            // Every contract-API chaincode answers this; it proves peer, channel and chaincode service are up.
            connection.evaluate("org.hyperledger.fabric:GetMetadata");
        } catch (LedgerException e) {
            connection.close();
            fail("The Fabric network at " + settings.peerEndpoint() + " (channel " + settings.channel()
                    + ", chaincode " + settings.chaincode() + ") does not answer as " + settings.mspId() + ": "
                    + e.code() + " " + e.getMessage() + ". " + HOW_TO_START);
        }
        return connection;
    }

    private String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set (network.sh writes it to fabric.env). " + HOW_TO_START);
        }
        return value;
    }
}
