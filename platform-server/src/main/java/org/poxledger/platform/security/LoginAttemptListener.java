package org.poxledger.platform.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts password checks for {@link AttemptThrottle}, from the events Spring Security publishes for every one of them
 * (Basic, the log-in form, {@code POST /api/v1/auth/token}). An unknown username counts like a wrong password: the
 * provider reports both as bad credentials.
 */
@Component
class LoginAttemptListener {

    private final AttemptThrottle throttle;

    LoginAttemptListener(AttemptThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Authentication attempt = event.getAuthentication();
        throttle.loginFailed(address(attempt), attempt.getName());
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // a password check, not a bearer token (ApiTokenAuthentication) or a session
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
            throttle.loginSucceeded(authentication.getName());
        }
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
    }
}
