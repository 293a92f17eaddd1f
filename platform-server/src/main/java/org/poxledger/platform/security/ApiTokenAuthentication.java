package org.poxledger.platform.security;

import java.io.Serial;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by a bearer token ({@link TokenAccounts}); the principal is the account, as for Basic. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PoxUser user;

    ApiTokenAuthentication(PoxUser user) {
        super(user.getAuthorities());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public PoxUser getPrincipal() {
        return user;
    }
}
