package org.poxledger.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the API's bearer tokens: HS256-signed JWTs naming the account ({@code sub}), with a short expiry.
 * A token carries no roles: each request loads the account, so a suspended or demoted account loses its rights at
 * once, and only the signature check (microseconds) replaces the BCrypt check (tens of milliseconds) of Basic.
 */
@Component
class ApiTokens {

    static final String ISSUER = "pox-platform";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final ApiTokenProperties properties;
    private final Clock clock;

    ApiTokens(ApiTokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        SecretKey key = new SecretKeySpec(keyBytes(properties), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    }

    /** A freshly signed token for the account. */
    IssuedToken issue(PoxUser user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.validity());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, now, expiresAt);
    }

    JwtDecoder decoder() {
        return decoder;
    }

    /** @param token the compact JWT @param issuedAt when it was signed @param expiresAt when it stops working */
    record IssuedToken(String token, Instant issuedAt, Instant expiresAt) {}

    private static byte[] keyBytes(ApiTokenProperties properties) {
        if (properties.secret() != null) {
            return properties.secret().getBytes(StandardCharsets.UTF_8);
        }
        byte[] random = new byte[ApiTokenProperties.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
