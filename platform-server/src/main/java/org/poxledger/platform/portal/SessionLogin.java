package org.poxledger.platform.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.security.UserAccounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Logs a member in right after they registered through an invitation, with the password they have just chosen, so
 * they land on their dashboard instead of a second form. Does what Spring Security's form login does after checking a
 * password: a new session id (no session fixation), a fresh CSRF token, the security context stored in the session.
 */
@Component
class SessionLogin {

    private final UserAccounts accounts;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();

    SessionLogin(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** @return whether the account exists and is enabled, and so was logged in */
    boolean logIn(String username, HttpServletRequest request, HttpServletResponse response) {
        PoxUser user = accounts.find(username).filter(PoxUser::isEnabled).orElse(null);
        if (user == null) {
            return false;
        }
        user.eraseCredentials();
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        csrfTokens.saveToken(null, request, response);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        return true;
    }
}
