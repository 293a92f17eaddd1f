package org.poxledger.platform.security;

import java.io.Serial;
import java.time.Duration;
import org.poxledger.contract.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 {@code TOO_MANY_ATTEMPTS} with {@code Retry-After}, raised where a controller checks {@link AttemptThrottle}. */
final class TooManyAttemptsException extends ErrorResponseException {

    @Serial
    private static final long serialVersionUID = 1L;

    TooManyAttemptsException(Duration wait, String message) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(wait, message), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
    }

    private static ProblemDetail problem(Duration wait, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS, message + "; try again in " + seconds(wait) + " s");
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.setProperty("code", ErrorCode.TOO_MANY_ATTEMPTS.name());
        return problem;
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
