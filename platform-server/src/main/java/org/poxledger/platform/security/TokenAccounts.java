package org.poxledger.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a checked bearer token into the same principal as a Basic log-in, a {@link PoxUser}, read afresh from the
 * accounts: a token outlives neither its account nor the account's enabled state.
 */
final class TokenAccounts implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UserAccounts accounts;

    TokenAccounts(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        PoxUser user = accounts.find(jwt.getSubject())
                .filter(PoxUser::isEnabled)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the token's account " + jwt.getSubject() + " is gone or disabled"));
        user.eraseCredentials();
        return new ApiTokenAuthentication(user);
    }
}
