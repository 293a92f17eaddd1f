package org.poxledger.platform.support;

import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the application at the shared test Neo4j and a fresh ledger ({@link TestLedger}: in-memory embedded, or a new
 * Fabric channel on the Fabric run). These values take precedence over
 * the environment, so a developer's own {@code POX_*} variables cannot leak into a test.
 */
public final class PoxTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The HMAC key of account hashes in tests (never used anywhere else). */
    public static final String ACCOUNT_HASH_SECRET = "test-only-account-hash-secret-0123456789abcdef";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ledgerProperties().applyTo(context);
        TestPropertyValues.of(
                        "spring.neo4j.uri=" + Neo4jTestServer.boltUri(),
                        "spring.neo4j.authentication.username=",
                        "spring.neo4j.authentication.password=",
                        "pox.identity.account-hash-secret=" + ACCOUNT_HASH_SECRET,
                        "pox.security.admin-username=",
                        "pox.security.admin-password=",
                        "server.address=127.0.0.1",
                        // contexts share the test Neo4j but each has its own fresh ledger
                        "pox.projection.checkpoint-id=it-" + java.util.UUID.randomUUID(),
                        "pox.invitation.base-url=http://127.0.0.1",
                        "pox.payment.broker-key-file=target/test-pox/broker-ed25519.key",
                        // one payment journal per context: contexts live side by side in one test JVM
                        "pox.payment.journal-dir=target/test-pox/payment-journal-" + java.util.UUID.randomUUID())
                .applyTo(context);
    }

    /** An in-memory embedded ledger, or on the Fabric run a fresh channel of the local network for this context. */
    private static TestPropertyValues ledgerProperties() {
        if (!TestLedger.onFabric()) {
            return TestPropertyValues.of("pox.ledger.mode=embedded", "pox.ledger.embedded.journal=");
        }
        Map<String, String> fabric = TestLedger.fabricVariables();
        return TestPropertyValues.of(
                "pox.ledger.mode=fabric",
                "pox.ledger.fabric.peer-endpoint=" + fabric.get("POX_FABRIC_PEER_ENDPOINT"),
                "pox.ledger.fabric.server-name=" + fabric.getOrDefault("POX_FABRIC_SERVER_NAME", ""),
                "pox.ledger.fabric.tls-cert=" + fabric.get("POX_FABRIC_TLS_CA_CERT"),
                "pox.ledger.fabric.msp-id=" + fabric.get("POX_FABRIC_MSP_ID"),
                "pox.ledger.fabric.cert=" + fabric.get("POX_FABRIC_CERT"),
                "pox.ledger.fabric.key-dir=" + fabric.get("POX_FABRIC_KEY"),
                "pox.ledger.fabric.chaincode=" + fabric.getOrDefault("POX_FABRIC_CHAINCODE", "pox"),
                "pox.ledger.fabric.channel=" + TestLedger.freshChannel());
    }
}
