package org.poxledger.bench.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.poxledger.ledger.fabric.FabricLedgerConnection;
import org.poxledger.ledger.fabric.FabricLedgerSettings;

/**
 * A fresh channel of the local network (network.sh channel), so a benchmark measures an empty chain and leaves the
 * product's own channel alone.
 *
 * @param name channel name
 * @param variables the POX_FABRIC_* settings of the network, with this channel
 */
public record TestChannel(String name, Map<String, String> variables) {

    /** @return whether network.sh has written the client settings of a local network */
    public static boolean networkExists(Path networkDir) {
        return Files.isRegularFile(networkDir.resolve("fabric.env"));
    }

    public static TestChannel create(Path repository, Path networkDir, String name, String profile) {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", repository.resolve("network-config/network.sh").toString(), "channel", name)
                .redirectErrorStream(true);
        builder.environment().put("POX_NETWORK_DIR", networkDir.toString());
        builder.environment().put("POX_CHAINCODE_BUILD", "0");
        builder.environment().put("POX_CHANNEL_PROFILE", profile);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "network.sh channel " + name + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return existing(networkDir, name);
    }

    /** A channel made earlier by {@link #create}; whether the network still has it shows on the first call. */
    public static TestChannel existing(Path networkDir, String name) {
        Map<String, String> variables =
                new HashMap<>(FabricLedgerSettings.readEnvFile(networkDir.resolve("fabric.env")));
        variables.put("POX_FABRIC_CHANNEL", name);
        return new TestChannel(name, variables);
    }

    public FabricLedgerConnection connect() {
        return FabricLedgerConnection.connect(FabricLedgerSettings.fromVariables(variables::get));
    }
}
