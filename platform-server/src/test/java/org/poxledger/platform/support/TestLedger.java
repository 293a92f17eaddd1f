package org.poxledger.platform.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.fabric.FabricLedgerConnection;
import org.poxledger.ledger.fabric.FabricLedgerSettings;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;

/**
 * Which ledger the platform integration tests run on: failsafe runs every IT twice, once with the system property
 * {@code pox.it.ledger=embedded} and once with {@code pox.it.ledger=fabric} (the second run only when the Fabric
 * network is in play, see the Makefile's POX_SKIP_FABRIC). One parameterisation for all: the tests never know which.
 *
 * <p>On Fabric every test ledger is a fresh channel of the one local network ({@code network.sh channel}), so each
 * test starts from an empty chain exactly as it does on a new embedded ledger, and its event listener, checkpoints and
 * rebuilds read real blocks.
 */
public final class TestLedger {

    private static final String HOW_TO_START = "Start the network with `network-config/network.sh up` (or `make"
            + " network-up`), or skip the Fabric integration tests explicitly with -Dpox.skipFabricIT=true"
            + " (Makefile: POX_SKIP_FABRIC=1).";

    private TestLedger() {}

    /** @return whether this run is the Fabric one */
    public static boolean onFabric() {
        return "fabric".equals(System.getProperty("pox.it.ledger", "embedded").toLowerCase(Locale.ROOT));
    }

    /** @return a new, empty ledger: an in-memory embedded one, or a fresh channel of the Fabric network */
    public static LedgerConnection fresh() {
        return onFabric()
                ? connect(freshChannel())
                : EmbeddedLedger.builder().identity(LedgerIdentity.operator()).open();
    }

    /** @return the operator's connection to a channel of the local network */
    public static FabricLedgerConnection connect(String channel) {
        Map<String, String> variables = new HashMap<>(fabricVariables());
        variables.put("POX_FABRIC_CHANNEL", channel);
        FabricLedgerConnection connection =
                FabricLedgerConnection.connect(FabricLedgerSettings.fromVariables(variables::get));
        connection.evaluate("org.hyperledger.fabric:GetMetadata");
        return connection;
    }

    /**
     * Creates a channel with the chaincode deployed on it and waits until it answers.
     *
     * @return its name
     */
    public static String freshChannel() {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Path script = repository().resolve("network-config/network.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "channel", name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("POX_NETWORK_DIR", networkDirectory().toString());
        // the network already runs the chaincode.jar this build made: never rebuild it from a test
        builder.environment().put("POX_CHAINCODE_BUILD", "0");
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                fail("network.sh channel " + name + " failed:\n" + new String(output, StandardCharsets.UTF_8) + "\n"
                        + HOW_TO_START);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating channel " + name, e);
        }
        return name;
    }

    /** @return the POX_FABRIC_* settings network.sh wrote to fabric.env, overridden by the process environment */
    public static Map<String, String> fabricVariables() {
        Path envFile = networkDirectory().resolve("fabric.env");
        if (!Files.isRegularFile(envFile)) {
            fail("The Fabric network is not set up: " + envFile + " does not exist. " + HOW_TO_START);
        }
        Map<String, String> variables = new HashMap<>(FabricLedgerSettings.readEnvFile(envFile));
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("POX_FABRIC_") && !name.equals("POX_FABRIC_CHANNEL")) {
                variables.put(name, value);
            }
        });
        return variables;
    }

    private static Path networkDirectory() {
        return Optional.ofNullable(System.getenv("POX_FABRIC_NETWORK_DIR"))
                .or(() -> Optional.ofNullable(System.getProperty("pox.fabric.networkDir")))
                .map(Path::of)
                .orElse(repository().resolve(".pox/network"))
                .toAbsolutePath()
                .normalize();
    }

    private static Path repository() {
        // failsafe runs in the module directory, platform-server/
        return Path.of("..").toAbsolutePath().normalize();
    }
}
