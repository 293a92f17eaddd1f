package org.poxledger.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates the first admin exactly once (DESIGN §9). Setup tokens are random, printed to the log by the instance that
 * issued them and stored only as SHA-256 hashes, so the database never holds a usable token. Every instance that
 * starts without an admin issues its own token; any one of them works until an admin exists, then all are deleted.
 */
@Service
public class SetupService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Driver driver;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final SecurityProperties properties;

    SetupService(Driver driver, UserAccounts accounts, PasswordEncoder passwords, SecurityProperties properties) {
        this.driver = driver;
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
    }

    /** @return whether an admin account exists */
    public boolean isComplete() {
        return accounts.adminExists();
    }

    /** @return a fresh one-time setup token, or empty when an admin exists already */
    public Optional<String> issueTokenIfNoAdmin() {
        if (accounts.adminExists()) {
            return Optional.empty();
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        driver.executableQuery("""
                        MATCH (old:SetupToken) WHERE old.createdAt < datetime() - duration({seconds: $validity})
                        DELETE old
                        WITH count(*) AS cleaned
                        CREATE (:SetupToken {tokenHash: $hash, createdAt: datetime()})
                        """)
                .withParameters(Map.of(
                        "hash",
                        sha256(token),
                        "validity",
                        properties.setupTokenValidity().toSeconds()))
                .execute();
        return Optional.of(token);
    }

    /**
     * Creates the first admin if the token is valid and no admin exists; concurrent calls are serialised on the
     * {@code (:PlatformSetup)} node, so at most one succeeds.
     *
     * @throws Refusal {@code SETUP_ALREADY_DONE}, {@code SETUP_TOKEN_INVALID}, {@code PASSWORD_TOO_WEAK}, {@code
     *     PASSWORD_TOO_LONG}, {@code USERNAME_TAKEN}
     */
    public PoxUser createFirstAdmin(String token, String username, String password) {
        // every refusal an anonymous caller can provoke comes before the hash, which costs ~60 ms of CPU
        if (accounts.adminExists()) {
            throw setupDone();
        }
        if (!tokenValid(token)) {
            throw tokenInvalid();
        }
        PasswordPolicy.require(password, username);
        String passwordHash = passwords.encode(password);
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                boolean adminExists = tx.run("""
                                MERGE (s:PlatformSetup {id: 'platform'})
                                SET s.lockedAt = datetime()
                                WITH s
                                OPTIONAL MATCH (a:UserAccount) WHERE $admin IN a.roles
                                RETURN count(a) > 0 AS adminExists
                                """, Map.of("admin", PoxUser.ADMIN))
                        .single()
                        .get("adminExists")
                        .asBoolean();
                if (adminExists) {
                    throw setupDone();
                }
                if (!tokenValid(tx, token)) {
                    throw tokenInvalid();
                }
                String normalised = UserAccounts.normalise(username);
                boolean taken = tx.run(
                                "MATCH (u:UserAccount {username: $username}) RETURN count(u) > 0 AS taken",
                                Map.of("username", normalised))
                        .single()
                        .get("taken")
                        .asBoolean();
                if (taken) {
                    throw Refusal.of(ErrorCode.USERNAME_TAKEN, "username", "username " + username + " is taken");
                }
                tx.run("""
                                CREATE (:UserAccount {username: $username, passwordHash: $passwordHash,
                                        roles: [$admin], enabled: true, createdAt: datetime()})
                                WITH 1 AS done
                                MATCH (t:SetupToken) DELETE t
                                """, Map.of("username", normalised, "passwordHash", passwordHash, "admin", PoxUser.ADMIN))
                        .consume();
                tx.run("MATCH (s:PlatformSetup {id: 'platform'}) SET s.completedAt = datetime()")
                        .consume();
                return new PoxUser(normalised, passwordHash, java.util.Set.of(PoxUser.ADMIN), null, true);
            });
        }
    }

    private boolean tokenValid(String token) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tokenValid(tx, token));
        }
    }

    private boolean tokenValid(TransactionContext tx, String token) {
        return tx.run(
                        """
                        MATCH (t:SetupToken {tokenHash: $hash})
                        WHERE t.createdAt >= datetime() - duration({seconds: $validity})
                        RETURN count(t) > 0 AS valid
                        """,
                        Map.of(
                                "hash",
                                sha256(token),
                                "validity",
                                properties.setupTokenValidity().toSeconds()))
                .single()
                .get("valid")
                .asBoolean();
    }

    private static Refusal setupDone() {
        return Refusal.of(ErrorCode.SETUP_ALREADY_DONE, "an admin exists already; setup is closed");
    }

    private static Refusal tokenInvalid() {
        return Refusal.of(
                ErrorCode.SETUP_TOKEN_INVALID,
                "the setup token is not valid; use the one printed in the server log at start-up");
    }

    /** Creates the configured first admin when no admin exists; returns whether it did. */
    boolean createConfiguredAdmin() {
        if (!properties.adminConfigured() || accounts.adminExists()) {
            return false;
        }
        accounts.createAdmin(properties.adminUsername(), properties.adminPassword());
        driver.executableQuery("MATCH (t:SetupToken) DELETE t").execute();
        return true;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
