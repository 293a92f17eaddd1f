package org.poxledger.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.ProblemStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals raised by the security filters, before any controller runs, answered like every other API error: an RFC
 * 9457 problem detail with a {@code code}.
 *
 * <p>A 401 carries no {@code WWW-Authenticate: Basic} challenge on purpose: the challenge makes a browser prompt for
 * and then cache the credentials, and attach them to every later request to this server, forged ones included.
 * Scripts send Basic credentials without being asked.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(request, response, ErrorCode.UNAUTHENTICATED, "log in to use " + request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                request,
                response,
                ErrorCode.ACCESS_DENIED,
                "your account may not use " + request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * 429 with {@code Retry-After}: a problem detail for programs, a short page for a browser's log-in form.
     *
     * @param what what was attempted too often, e.g. "log-in attempts for this account or address"
     */
    void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Duration wait, String what)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String detail = "too many failed " + what + "; try again in " + seconds + " s";
        if (!request.getRequestURI().startsWith("/api/") && prefersHtml(request)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getOutputStream()
                    .write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts"
                                    + " · PoX Ledger</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head>"
                                    + "<body><main><h1>Too many attempts</h1><p>Too many failed log-in attempts. Try"
                                    + " again in " + seconds + " seconds.</p><p><a href=\"/login\">Back to the log-in"
                                    + " page</a></p></main></body></html>")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        write(request, response, ErrorCode.TOO_MANY_ATTEMPTS, detail);
    }

    private static boolean prefersHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        HttpStatus status = ProblemStatus.of(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code.name());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
