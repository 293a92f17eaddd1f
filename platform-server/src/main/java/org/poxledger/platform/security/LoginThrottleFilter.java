package org.poxledger.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a log-in attempt, before its password is checked, while its account or its address is throttled
 * ({@link AttemptThrottle}): Basic credentials on any request, and the portal's {@code POST /login} form. The failures
 * themselves are counted by {@link LoginAttemptListener} from Spring Security's authentication events.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final AttemptThrottle throttle;
    private final ProblemResponses problems;

    LoginThrottleFilter(AttemptThrottle throttle, ProblemResponses problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> username = attemptedUsername(request);
        if (username.isPresent()) {
            Optional<Duration> wait = throttle.loginWait(request.getRemoteAddr(), username.get());
            if (wait.isPresent()) {
                problems.tooManyAttempts(request, response, wait.get(), "log-in attempts for this account or address");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** @return the username of a log-in attempt this request carries, if any */
    private static Optional<String> attemptedUsername(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // malformed: BasicAuthenticationFilter refuses it
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            return Optional.of(
                    Optional.ofNullable(request.getParameter("username")).orElse(""));
        }
        return Optional.empty();
    }
}
