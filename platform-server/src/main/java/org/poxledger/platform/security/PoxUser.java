package org.poxledger.platform.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated principal of every request: a log-in account from {@code (:UserAccount)}, optionally bound to a
 * member. Controllers take it with {@code @AuthenticationPrincipal PoxUser user} and act for {@link #memberId()} only,
 * never for a member id sent in the request:
 *
 * <pre>{@code
 * @GetMapping("/api/v1/me/balance")
 * Balance balance(@AuthenticationPrincipal PoxUser user) {
 *     return wallet.balance(user.requireMemberId());
 * }
 * }</pre>
 */
public final class PoxUser implements UserDetails, CredentialsContainer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Role of platform administrators: policy, verification, cycles, holds. */
    public static final String ADMIN = "ADMIN";

    /** Role of members' own accounts. */
    public static final String MEMBER = "MEMBER";

    private final String username;
    private final Set<String> roles;
    private final String memberId;
    private final boolean enabled;
    private String passwordHash;

    /**
     * @param username log-in name (lower case)
     * @param passwordHash BCrypt hash
     * @param roles e.g. {@code ADMIN}, {@code MEMBER}
     * @param memberId the member this account acts for, {@code null} for a pure admin
     * @param enabled {@code false} while the member's registration is still in progress
     */
    public PoxUser(String username, String passwordHash, Set<String> roles, String memberId, boolean enabled) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = Set.copyOf(roles);
        this.memberId = memberId;
        this.enabled = enabled;
    }

    /** @return the log-in name */
    public String username() {
        return username;
    }

    /** @return the member this account acts for, {@code null} for a pure admin */
    public String memberId() {
        return memberId;
    }

    /**
     * @return the member id
     * @throws Refusal 403 {@code NOT_A_MEMBER} for an account without a member
     */
    public String requireMemberId() {
        if (memberId == null) {
            throw Refusal.of(ErrorCode.NOT_A_MEMBER, "account " + username + " is not a member account");
        }
        return memberId;
    }

    /** @return whether the account has the ADMIN role */
    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** @return the roles, without the {@code ROLE_} prefix */
    public Set<String> roles() {
        return roles;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PoxUser user && user.username.equals(username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "PoxUser[" + username + ", roles=" + List.copyOf(roles) + ", memberId=" + memberId + "]";
    }
}
