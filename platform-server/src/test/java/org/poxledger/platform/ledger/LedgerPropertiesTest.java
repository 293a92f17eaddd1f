package org.poxledger.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poxledger.ledger.fabric.FabricLedgerSettings;

class LedgerPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void defaults_to_the_embedded_ledger_and_treats_an_empty_journal_as_in_memory() {
        LedgerProperties properties = new LedgerProperties(null, new LedgerProperties.Embedded(""), null, null);

        assertThat(properties.mode()).isEqualTo(LedgerProperties.Mode.EMBEDDED);
        assertThat(properties.embedded().journalPath()).isNull();
        assertThat(new LedgerProperties.Embedded(".pox/ledger.journal").journalPath())
                .isEqualTo(Path.of(".pox/ledger.journal"));
    }

    @Test
    void fabric_mode_names_the_variable_that_is_missing() {
        LedgerProperties.Fabric fabric =
                new LedgerProperties.Fabric("127.0.0.1:7051", null, "", "PlatformOrgMSP", null, null, "", "", null);

        assertThatThrownBy(fabric::toSettings).hasMessageContaining("POX_FABRIC_TLS_CERT");
    }

    @Test
    void fabric_mode_builds_gateway_settings_from_files_with_pox_as_default_channel_and_chaincode() throws IOException {
        Path tls = Files.writeString(dir.resolve("tlsca.pem"), "pem");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "pem");
        Path keystore = Files.createDirectory(dir.resolve("keystore"));
        Files.writeString(keystore.resolve("abc_sk"), "key");

        FabricLedgerSettings settings = new LedgerProperties.Fabric(
                        "127.0.0.1:7051",
                        "peer0.platform.pox.test",
                        tls.toString(),
                        "PlatformOrgMSP",
                        cert.toString(),
                        keystore.toString(),
                        "",
                        null,
                        Duration.ofSeconds(90))
                .toSettings();

        assertThat(settings.channel()).isEqualTo("pox");
        assertThat(settings.chaincode()).isEqualTo("pox");
        assertThat(settings.tlsServerName()).contains("peer0.platform.pox.test");
        assertThat(settings.privateKeyFile()).isEqualTo(keystore.resolve("abc_sk"));
        assertThat(settings.deadlines().commitStatus()).isEqualTo(Duration.ofSeconds(90));
    }
}
