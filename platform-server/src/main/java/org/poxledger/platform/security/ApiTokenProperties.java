package org.poxledger.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.security.api-token.*}: the signed tokens that {@code POST /api/v1/auth/token} hands out.
 *
 * @param secret HMAC key (at least 32 bytes); empty = a random key per server start, so tokens die with the process
 *     and are valid on this instance only. Instances behind one address share {@code POX_API_TOKEN_SECRET}.
 * @param validity how long a token stays usable; short, since a token cannot be revoked before it expires
 */
@ConfigurationProperties("pox.security.api-token")
public record ApiTokenProperties(String secret, Duration validity) {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    public ApiTokenProperties {
        secret = secret == null || secret.isBlank() ? null : secret;
        validity = validity == null ? Duration.ofMinutes(15) : validity;
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "POX_API_TOKEN_SECRET must have at least " + MIN_SECRET_BYTES + " bytes, or be empty");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("pox.security.api-token.validity must be between 1 s and 24 h");
        }
    }

    @Override
    public String toString() {
        return "ApiTokenProperties[secret=<hidden>, validity=" + validity + "]";
    }
}
