package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricLedgerSettingsTest {

    @TempDir
    Path dir;

    private Path ca;
    private Path cert;
    private Path keystore;

    @BeforeEach
    void crypto_files() throws IOException {
        ca = Files.writeString(dir.resolve("tlsca.pem"), "ca");
        cert = Files.writeString(dir.resolve("cert.pem"), "cert");
        keystore = Files.createDirectory(dir.resolve("keystore"));
        Files.writeString(keystore.resolve("priv_sk"), "key");
    }

    @Test
    void resolves_the_single_sk_file_of_a_keystore_directory() {
        FabricLedgerSettings settings = settings("127.0.0.1:7051", keystore);

        assertThat(settings.privateKeyFile()).isEqualTo(keystore.resolve("priv_sk"));
    }

    @Test
    void accepts_a_key_file_directly() {
        assertThat(settings("127.0.0.1:7051", keystore.resolve("priv_sk")).privateKeyFile())
                .isEqualTo(keystore.resolve("priv_sk"));
    }

    @Test
    void rejects_a_keystore_with_two_keys_naming_the_directory() throws IOException {
        Files.writeString(keystore.resolve("other_sk"), "key");

        assertThatThrownBy(() -> settings("127.0.0.1:7051", keystore))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privateKey")
                .hasMessageContaining("exactly one *_sk file, found 2")
                .hasMessageContaining(keystore.toAbsolutePath().toString());
    }

    @Test
    void rejects_an_endpoint_without_a_valid_port() {
        for (String endpoint : new String[] {"127.0.0.1", "127.0.0.1:", ":7051", "host:70510", "host:x", "host:0"}) {
            assertThatThrownBy(() -> settings(endpoint, keystore))
                    .as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Fabric setting peerEndpoint must be host:port with a port in 1..65535, got '"
                            + endpoint + "'");
        }
    }

    @Test
    void rejects_a_missing_certificate_naming_field_and_path() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> new FabricLedgerSettings(
                        "127.0.0.1:7051",
                        ca,
                        null,
                        "PlatformOrgMSP",
                        missing,
                        keystore,
                        "pox",
                        "pox",
                        FabricLedgerSettings.Deadlines.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Fabric setting certificate names no file: " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void rejects_a_blank_msp_id() {
        assertThatThrownBy(() -> new FabricLedgerSettings(
                        "127.0.0.1:7051",
                        ca,
                        null,
                        " ",
                        cert,
                        keystore,
                        "pox",
                        "pox",
                        FabricLedgerSettings.Deadlines.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fabric setting mspId must not be blank, got ' '");
    }

    @Test
    void rejects_a_zero_deadline_naming_it() {
        assertThatThrownBy(() -> new FabricLedgerSettings.Deadlines(
                        Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fabric setting deadlines.endorse must be a positive duration, got PT0S");
    }

    @Test
    void a_blank_server_name_override_means_none() {
        FabricLedgerSettings settings = new FabricLedgerSettings(
                "127.0.0.1:7051",
                ca,
                "  ",
                "PlatformOrgMSP",
                cert,
                keystore,
                "pox",
                "pox",
                FabricLedgerSettings.Deadlines.DEFAULT);

        assertThat(settings.tlsServerName()).isEmpty();
        assertThat(settings.serverNameOverride()).isNull();
    }

    @Test
    void reads_pox_fabric_variables_with_channel_and_chaincode_defaults() {
        Map<String, String> variables = new HashMap<>(Map.of(
                "POX_FABRIC_PEER_ENDPOINT",
                "127.0.0.1:7051",
                "POX_FABRIC_TLS_CA_CERT",
                ca.toString(),
                "POX_FABRIC_SERVER_NAME",
                "peer0.platform.pox.test",
                "POX_FABRIC_MSP_ID",
                "PlatformOrgMSP",
                "POX_FABRIC_CERT",
                cert.toString(),
                "POX_FABRIC_KEY",
                keystore.toString()));

        FabricLedgerSettings settings = FabricLedgerSettings.fromVariables(variables::get);

        assertThat(settings.channel()).isEqualTo("pox");
        assertThat(settings.chaincode()).isEqualTo("pox");
        assertThat(settings.tlsServerName()).contains("peer0.platform.pox.test");
        assertThat(settings.deadlines()).isEqualTo(FabricLedgerSettings.Deadlines.DEFAULT);
    }

    @Test
    void names_the_first_missing_variable() {
        assertThatThrownBy(() -> FabricLedgerSettings.fromVariables(name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fabric setting POX_FABRIC_PEER_ENDPOINT is not set");
    }

    @Test
    void default_deadlines_are_the_documented_ones() {
        FabricLedgerSettings.Deadlines deadlines = FabricLedgerSettings.Deadlines.DEFAULT;

        assertThat(deadlines.evaluate()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadlines.endorse()).isEqualTo(Duration.ofSeconds(15));
        assertThat(deadlines.submit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadlines.commitStatus()).isEqualTo(Duration.ofMinutes(1));
    }

    private FabricLedgerSettings settings(String endpoint, Path key) {
        return new FabricLedgerSettings(
                endpoint,
                ca,
                "peer0.platform.pox.test",
                "PlatformOrgMSP",
                cert,
                key,
                "pox",
                "pox",
                FabricLedgerSettings.Deadlines.DEFAULT);
    }
}
