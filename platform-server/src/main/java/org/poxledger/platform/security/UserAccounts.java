package org.poxledger.platform.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Log-in accounts, {@code (:UserAccount {username, passwordHash, roles, memberId?, enabled, createdAt})}. Passwords
 * are stored only as BCrypt hashes; usernames are unique and case-insensitive (stored lower case).
 */
@Repository
public class UserAccounts {

    private final Driver driver;
    private final PasswordEncoder passwords;

    UserAccounts(Driver driver, PasswordEncoder passwords) {
        this.driver = driver;
        this.passwords = passwords;
    }

    /** @return the account, if any */
    public Optional<PoxUser> find(String username) {
        return driver
                .executableQuery("MATCH (u:UserAccount {username: $username}) RETURN u")
                .withParameters(Map.of("username", normalise(username)))
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(UserAccounts::user);
    }

    /** @return whether any account has the ADMIN role */
    public boolean adminExists() {
        return driver.executableQuery("MATCH (u:UserAccount) WHERE $admin IN u.roles RETURN count(u) > 0 AS exists")
                .withParameters(Map.of("admin", PoxUser.ADMIN))
                .execute()
                .records()
                .getFirst()
                .get("exists")
                .asBoolean();
    }

    /**
     * Creates an admin account.
     *
     * @throws Refusal {@code USERNAME_TAKEN}
     */
    public PoxUser createAdmin(String username, String password) {
        return create(username, password, Set.of(PoxUser.ADMIN), null, true);
    }

    /**
     * Creates or replaces the (not yet enabled) account of a member whose registration is in progress; a retried
     * registration may choose another username or password.
     *
     * @throws Refusal {@code USERNAME_TAKEN} when another account has the username, {@code PASSWORD_TOO_WEAK} or {@code
     *     PASSWORD_TOO_LONG} (callers check with {@link AcceptablePassword} before they touch the ledger)
     */
    public PoxUser reserveForMember(String memberId, String username, String password) {
        PasswordPolicy.require(password, username);
        Map<String, Object> params = new HashMap<>();
        params.put("memberId", memberId);
        params.put("username", normalise(username));
        params.put("passwordHash", passwords.encode(password));
        params.put("roles", List.of(PoxUser.MEMBER));
        return write("""
                MERGE (u:UserAccount {memberId: $memberId})
                ON CREATE SET u.createdAt = datetime(), u.enabled = false
                SET u.username = $username, u.passwordHash = $passwordHash, u.roles = $roles
                RETURN u
                """, params, username);
    }

    /** Enables the account of a member once their registration is complete. */
    public void enableMember(String memberId) {
        driver.executableQuery("MATCH (u:UserAccount {memberId: $memberId}) SET u.enabled = true")
                .withParameters(Map.of("memberId", memberId))
                .execute();
    }

    /** Removes the reserved account of a registration the ledger refused. */
    public void deleteDisabledMemberAccount(String memberId) {
        driver.executableQuery("MATCH (u:UserAccount {memberId: $memberId, enabled: false}) DELETE u")
                .withParameters(Map.of("memberId", memberId))
                .execute();
    }

    PoxUser create(String username, String password, Set<String> roles, String memberId, boolean enabled) {
        PasswordPolicy.require(password, username);
        Map<String, Object> params = new HashMap<>();
        params.put("username", normalise(username));
        params.put("passwordHash", passwords.encode(password));
        params.put("roles", List.copyOf(roles));
        params.put("memberId", memberId);
        params.put("enabled", enabled);
        return write("""
                CREATE (u:UserAccount {username: $username, passwordHash: $passwordHash, roles: $roles,
                        memberId: $memberId, enabled: $enabled, createdAt: datetime()})
                RETURN u
                """, params, username);
    }

    private PoxUser write(String query, Map<String, Object> params, String username) {
        try {
            return user(driver.executableQuery(query)
                    .withParameters(params)
                    .execute()
                    .records()
                    .getFirst());
        } catch (ClientException e) {
            if (e.code().startsWith("Neo.ClientError.Schema.ConstraintValidationFailed")) {
                throw Refusal.of(ErrorCode.USERNAME_TAKEN, "username", "username " + username + " is taken");
            }
            throw e;
        }
    }

    static String normalise(String username) {
        return username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static PoxUser user(Record record) {
        var u = record.get("u");
        return new PoxUser(
                u.get("username").asString(),
                u.get("passwordHash").asString(),
                new HashSet<>(u.get("roles").asList(v -> v.asString())),
                u.get("memberId").asString(null),
                u.get("enabled").asBoolean(true));
    }
}
