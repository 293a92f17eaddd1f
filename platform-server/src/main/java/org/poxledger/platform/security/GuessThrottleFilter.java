package org.poxledger.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles guessing of the two secrets an anonymous caller may present: the one-time setup token ({@code POST
 * /api/v1/setup}, {@code POST /setup}; a wrong one is answered 403) and invitation codes ({@code /api/v1/invitations/
 * {code}}, {@code /invite/{code}}; an unknown one is answered 404). Each such refusal counts against the caller's
 * address in {@link AttemptThrottle}; while its bucket is empty, these paths answer 429 before looking anything up.
 */
final class GuessThrottleFilter extends OncePerRequestFilter {

    private static final Pattern SETUP = Pattern.compile("/(api/v1/)?setup/?");
    private static final Pattern INVITATION = Pattern.compile("/(api/v1/invitations|invite)/[^/]+(/accept)?/?");

    private final AttemptThrottle throttle;
    private final ProblemResponses problems;

    GuessThrottleFilter(AttemptThrottle throttle, ProblemResponses problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        boolean setup =
                "POST".equals(request.getMethod()) && SETUP.matcher(path).matches();
        return !setup && !INVITATION.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.guessWait(address);
        if (wait.isPresent()) {
            problems.tooManyAttempts(request, response, wait.get(), "setup-token or invitation-code attempts");
            return;
        }
        chain.doFilter(request, response);
        HttpStatus wrong =
                SETUP.matcher(request.getServletPath()).matches() ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND;
        if (response.getStatus() == wrong.value()) {
            throttle.guessFailed(address);
        }
    }
}
