package org.poxledger.ledger.fabric;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything needed to reach one Fabric Gateway peer as one client identity. Validated on construction: a bad value
 * fails at start-up with a message naming the field and the value, never later inside a gRPC call.
 *
 * <pre>{@code
 * FabricLedgerSettings settings = new FabricLedgerSettings(
 *         "127.0.0.1:7051",
 *         Path.of(".pox/network/crypto/peerOrganizations/platform.pox.test/tlsca/tlsca.platform.pox.test-cert.pem"),
 *         "peer0.platform.pox.test",
 *         "PlatformOrgMSP",
 *         Path.of(".../users/Admin@platform.pox.test/msp/signcerts/Admin@platform.pox.test-cert.pem"),
 *         Path.of(".../users/Admin@platform.pox.test/msp/keystore"),
 *         "pox",
 *         "pox",
 *         FabricLedgerSettings.Deadlines.DEFAULT);
 * }</pre>
 *
 * @param peerEndpoint Gateway peer as {@code host:port}
 * @param tlsCaCertificate PEM file of the CA that signed the peer's TLS certificate
 * @param serverNameOverride TLS host name to verify instead of the endpoint's host (the peer's certificate names
 *     {@code peer0.platform.pox.test}, the endpoint is an address); {@code null} or blank for none
 * @param mspId the client identity's MSP id, for example {@code PlatformOrgMSP}
 * @param certificate PEM file of the client identity's X.509 certificate
 * @param privateKey PEM file of the client's private key, or a keystore directory holding exactly one {@code *_sk}
 *     file (the layout cryptogen and fabric-ca-client write)
 * @param channel channel name
 * @param chaincode chaincode name on that channel
 * @param deadlines per-call-kind deadlines
 */
public record FabricLedgerSettings(
        String peerEndpoint,
        Path tlsCaCertificate,
        String serverNameOverride,
        String mspId,
        Path certificate,
        Path privateKey,
        String channel,
        String chaincode,
        Deadlines deadlines) {

    /**
     * How long each kind of Gateway call may take. Submit only hands the endorsed transaction to the orderer, so it is
     * short; commit status waits for a block and covers a slow orderer.
     *
     * @param evaluate a read-only query on one peer
     * @param endorse collecting endorsements (chaincode execution on every endorser)
     * @param submit handing the transaction to the ordering service
     * @param commitStatus waiting for the transaction's block to be committed
     */
    public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {

        /** evaluate 5 s, endorse 15 s, submit 5 s, commit status 1 min. */
        public static final Deadlines DEFAULT = new Deadlines(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(1));

        public Deadlines {
            requirePositive("deadlines.evaluate", evaluate);
            requirePositive("deadlines.endorse", endorse);
            requirePositive("deadlines.submit", submit);
            requirePositive("deadlines.commitStatus", commitStatus);
        }

        private static void requirePositive(String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        "Fabric setting " + field + " must be a positive duration, got " + value);
            }
        }
    }

    public FabricLedgerSettings {
        requireHostAndPort(peerEndpoint);
        requireReadableFile("tlsCaCertificate", tlsCaCertificate);
        requireText("mspId", mspId);
        requireReadableFile("certificate", certificate);
        requireKeyFileOrKeystore(privateKey);
        requireText("channel", channel);
        requireText("chaincode", chaincode);
        Objects.requireNonNull(deadlines, "Fabric setting deadlines must not be null");
        serverNameOverride = serverNameOverride == null || serverNameOverride.isBlank() ? null : serverNameOverride;
    }

    /**
     * Reads the settings from {@code POX_FABRIC_*} variables.
     *
     * <table>
     *   <caption>Variables</caption>
     *   <tr><td>{@code POX_FABRIC_PEER_ENDPOINT}</td><td>host:port</td></tr>
     *   <tr><td>{@code POX_FABRIC_TLS_CA_CERT}</td><td>PEM file</td></tr>
     *   <tr><td>{@code POX_FABRIC_SERVER_NAME}</td><td>optional TLS name override</td></tr>
     *   <tr><td>{@code POX_FABRIC_MSP_ID}</td><td>MSP id</td></tr>
     *   <tr><td>{@code POX_FABRIC_CERT}</td><td>PEM file</td></tr>
     *   <tr><td>{@code POX_FABRIC_KEY}</td><td>PEM file or keystore directory</td></tr>
     *   <tr><td>{@code POX_FABRIC_CHANNEL}</td><td>default {@code pox}</td></tr>
     *   <tr><td>{@code POX_FABRIC_CHAINCODE}</td><td>default {@code pox}</td></tr>
     * </table>
     *
     * @param variables variable lookup, for example {@code System::getenv}; returns {@code null} for unset
     * @return validated settings with {@link Deadlines#DEFAULT}
     * @throws IllegalArgumentException naming the first missing variable or bad value
     */
    public static FabricLedgerSettings fromVariables(UnaryOperator<String> variables) {
        return new FabricLedgerSettings(
                required(variables, "POX_FABRIC_PEER_ENDPOINT"),
                Path.of(required(variables, "POX_FABRIC_TLS_CA_CERT")),
                variables.apply("POX_FABRIC_SERVER_NAME"),
                required(variables, "POX_FABRIC_MSP_ID"),
                Path.of(required(variables, "POX_FABRIC_CERT")),
                Path.of(required(variables, "POX_FABRIC_KEY")),
                Optional.ofNullable(variables.apply("POX_FABRIC_CHANNEL"))
                        .filter(s -> !s.isBlank())
                        .orElse("pox"),
                Optional.ofNullable(variables.apply("POX_FABRIC_CHAINCODE"))
                        .filter(s -> !s.isBlank())
                        .orElse("pox"),
                Deadlines.DEFAULT);
    }

    /** @return the TLS host name to verify, when it differs from the endpoint's host */
    public Optional<String> tlsServerName() {
        return Optional.ofNullable(serverNameOverride);
    }

    /**
     * @return the private key PEM file: {@link #privateKey()} itself, or the one {@code *_sk} file in that directory
     */
    public Path privateKeyFile() {
        return resolveKeyFile(privateKey);
    }

    /** @return a copy with other deadlines */
    public FabricLedgerSettings withDeadlines(Deadlines newDeadlines) {
        return new FabricLedgerSettings(
                peerEndpoint,
                tlsCaCertificate,
                serverNameOverride,
                mspId,
                certificate,
                privateKey,
                channel,
                chaincode,
                newDeadlines);
    }

    private static String required(UnaryOperator<String> variables, String name) {
        String value = variables.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fabric setting " + name + " is not set");
        }
        return value;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fabric setting " + field + " must not be blank, got '" + value + "'");
        }
    }

    private static void requireHostAndPort(String endpoint) {
        requireText("peerEndpoint", endpoint);
        int colon = endpoint.lastIndexOf(':');
        String host = colon > 0 ? endpoint.substring(0, colon) : "";
        String port = colon > 0 ? endpoint.substring(colon + 1) : "";
        if (host.isBlank()
                || !port.matches("[0-9]{1,5}")
                || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(
                    "Fabric setting peerEndpoint must be host:port with a port in 1..65535, got '" + endpoint + "'");
        }
    }

    private static void requireReadableFile(String field, Path path) {
        if (path == null) {
            throw new IllegalArgumentException("Fabric setting " + field + " must name a file, got null");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Fabric setting " + field + " names no file: " + path.toAbsolutePath()
                    + (Files.isDirectory(path) ? " is a directory" : " does not exist"));
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(
                    "Fabric setting " + field + " names a file that is not readable: " + path.toAbsolutePath());
        }
    }

    private static void requireKeyFileOrKeystore(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("Fabric setting privateKey must name a file or directory, got null");
        }
        resolveKeyFile(path);
    }

    private static Path resolveKeyFile(Path path) {
        if (!Files.isDirectory(path)) {
            requireReadableFile("privateKey", path);
            return path;
        }
        List<Path> keys = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*_sk")) {
            entries.forEach(keys::add);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Fabric setting privateKey names a keystore that cannot be listed: " + path.toAbsolutePath(), e);
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("Fabric setting privateKey names a keystore directory that must hold"
                    + " exactly one *_sk file, found " + keys.size() + " in " + path.toAbsolutePath());
        }
        requireReadableFile("privateKey", keys.get(0));
        return keys.get(0);
    }

    /**
     * Reads the {@code NAME=value} lines of a client settings file, as {@code network.sh} writes {@code fabric.env}
     * (blank lines and {@code #} comments skipped).
     *
     * @param file the file
     * @return its variables, in file order
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static Map<String, String> readEnvFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                    values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }
}
