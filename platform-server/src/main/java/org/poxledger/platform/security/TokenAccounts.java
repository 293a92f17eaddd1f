package org.poxledger.platform.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a checked bearer token into the same principal as a Basic log-in, a {@link PoxUser}, read from the accounts:
 * a token outlives neither its account nor the account's enabled state by more than about {@link #RECHECK}.
 *
 * <p>Why not read the account on every call: API clients such as a payee's point of sale send thousands of
 * micropayments a second with one token, and one Neo4j read per request was the bound on them (~250 requests a
 * second on this machine). An enabled account is read again in the background once {@link #RECHECK} has passed
 * (calls meanwhile keep the account as it was, so no call waits on the read), and dropped the moment that read
 * finds it gone or disabled; an account no read has confirmed for {@link #AT_MOST} is never used.
 */
final class TokenAccounts implements Converter<Jwt, AbstractAuthenticationToken> {

    /** How long an enabled account found for a token is trusted before it is read again. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    /** The bound when the account store does not answer. */
    static final Duration AT_MOST = Duration.ofSeconds(10);

    private final LoadingCache<String, PoxUser> enabled;

    TokenAccounts(UserAccounts accounts) {
        this.enabled = Caffeine.newBuilder()
                .refreshAfterWrite(RECHECK)
                .expireAfterWrite(AT_MOST)
                .maximumSize(100_000)
                // null: gone or disabled, so nothing is kept (and a refresh finding it so drops the entry)
                .build(username -> accounts.find(username)
                        .filter(PoxUser::isEnabled)
                        .map(user -> {
                            user.eraseCredentials();
                            return user;
                        })
                        .orElse(null));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        PoxUser user = enabled.get(jwt.getSubject());
        if (user == null) {
            throw new InvalidBearerTokenException("the token's account " + jwt.getSubject() + " is gone or disabled");
        }
        return new ApiTokenAuthentication(user);
    }
}
