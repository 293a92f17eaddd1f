package org.poxledger.platform.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the application at the shared test Neo4j and an in-memory embedded ledger. These values take precedence over
 * the environment, so a developer's own {@code POX_*} variables cannot leak into a test.
 */
public final class PoxTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The HMAC key of account hashes in tests (never used anywhere else). */
    public static final String ACCOUNT_HASH_SECRET = "test-only-account-hash-secret-0123456789abcdef";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.neo4j.uri=" + Neo4jTestServer.boltUri(),
                        "spring.neo4j.authentication.username=",
                        "spring.neo4j.authentication.password=",
                        "pox.ledger.mode=embedded",
                        "pox.ledger.embedded.journal=",
                        "pox.identity.account-hash-secret=" + ACCOUNT_HASH_SECRET,
                        "pox.security.admin-username=",
                        "pox.security.admin-password=",
                        "server.address=127.0.0.1",
                        "pox.invitation.base-url=http://127.0.0.1")
                .applyTo(context);
    }
}
