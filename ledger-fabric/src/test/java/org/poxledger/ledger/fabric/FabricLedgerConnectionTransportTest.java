package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;

/** The real gRPC/TLS path, up to a peer that is not there. */
class FabricLedgerConnectionTransportTest {

    @TempDir
    Path dir;

    private Path certificate;
    private Path keystore;

    @BeforeEach
    void self_signed_identity() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Admin@platform.pox.test,OU=admin");
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        Date.from(Instant.now().minus(Duration.ofMinutes(1))),
                        Date.from(Instant.now().plus(Duration.ofDays(1))),
                        name,
                        keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        certificate = dir.resolve("cert.pem");
        keystore = Files.createDirectory(dir.resolve("keystore"));
        writePem(certificate, holder);
        // PKCS#8, as cryptogen writes keystore/priv_sk
        Files.writeString(
                keystore.resolve("priv_sk"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void a_peer_that_is_not_listening_makes_evaluate_and_submit_ledger_unavailable() throws IOException {
        try (FabricLedgerConnection ledger = FabricLedgerConnection.connect(settings(closedPort()))) {
            assertThatThrownBy(() -> ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName()))
                    .asInstanceOf(type(LedgerException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
                        assertThat(e.transactionId()).isEmpty();
                    });
            assertThatThrownBy(() -> ledger.submit(Transaction.VERIFY_MEMBER.wireName(), "m_1"))
                    .asInstanceOf(type(LedgerException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
                        assertThat(e.transactionId()).isPresent();
                    });
        }
    }

    @Test
    void a_certificate_file_that_is_not_pem_is_named_at_connect() throws IOException {
        Files.writeString(certificate, "not a certificate");

        assertThatThrownBy(() -> FabricLedgerConnection.connect(settings(closedPort())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Fabric setting certificate is not a PEM X.509 certificate: " + certificate.toAbsolutePath());
    }

    @Test
    void a_key_file_that_is_not_pem_is_named_at_connect() throws IOException {
        Files.writeString(keystore.resolve("priv_sk"), "not a key");

        assertThatThrownBy(() -> FabricLedgerConnection.connect(settings(closedPort())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fabric setting privateKey is not a PEM private key: "
                        + keystore.resolve("priv_sk").toAbsolutePath());
    }

    private FabricLedgerSettings settings(int port) {
        return new FabricLedgerSettings(
                "127.0.0.1:" + port,
                certificate, // any CA will do: the connection is refused before TLS starts
                "peer0.platform.pox.test",
                "PlatformOrgMSP",
                certificate,
                keystore,
                "pox",
                "pox",
                FabricLedgerSettings.Deadlines.DEFAULT);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            writer.writeObject(object);
        }
    }
}
