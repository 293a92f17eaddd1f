package org.poxledger.platform.member;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.identity.*}.
 *
 * @param accountHashSecret HMAC key of on-chain account hashes ({@code POX_ACCOUNT_HASH_SECRET}); changing it later
 *     would let an already registered account register again, so it is set once per ledger
 */
@ConfigurationProperties("pox.identity")
public record IdentityProperties(String accountHashSecret) {

    static final int MIN_SECRET_LENGTH = 32;

    public IdentityProperties {
        if (accountHashSecret == null || accountHashSecret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("POX_ACCOUNT_HASH_SECRET (pox.identity.account-hash-secret) must be set"
                    + " to a secret of at least " + MIN_SECRET_LENGTH + " characters; it keys the on-chain account"
                    + " hashes. Generate one with: openssl rand -hex 32");
        }
    }

    @Override
    public String toString() {
        return "IdentityProperties[accountHashSecret=<hidden>]";
    }
}
