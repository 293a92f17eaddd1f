package org.poxledger.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.poxledger.contract.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection of the REST API, which has no CSRF token (its clients are scripts and programs). A forged request
 * is one a browser sends on another site's behalf; it is refused on three signs, before any credential is checked:
 *
 * <ol>
 *   <li>{@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site} (every current browser sends it);
 *   <li>{@code Origin} names another origin than the server's own (older browsers, and {@code Origin: null});
 *   <li>a state-changing call without an {@code application/json} body type and without a bearer token: a page can
 *       make a browser send {@code text/plain}, form or multipart bodies to any site, but {@code application/json}
 *       only after a CORS preflight, which this server never grants; a bearer token lives in a program's memory, and
 *       a browser never attaches it by itself.
 * </ol>
 *
 * <p>Programs send no {@code Sec-Fetch-*} or {@code Origin} header, so only the third rule concerns them: a bodyless
 * {@code POST} with Basic credentials declares {@code Content-Type: application/json}.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_ORIGIN_FETCH = Set.of("same-origin", "none");

    private final ProblemResponses problems;

    CrossSiteRequestFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_ORIGIN_FETCH.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            problems.write(
                    request,
                    response,
                    ErrorCode.CROSS_SITE_REQUEST,
                    "Sec-Fetch-Site: " + fetchSite + " - the API refuses state-changing requests from other sites");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, request)) {
            problems.write(
                    request,
                    response,
                    ErrorCode.CROSS_SITE_REQUEST,
                    "Origin " + origin + " is not this server's - the API refuses state-changing requests from other"
                            + " sites");
            return;
        }
        if (!isJson(request.getContentType()) && !hasBearerToken(request)) {
            problems.write(
                    request,
                    response,
                    ErrorCode.JSON_REQUIRED,
                    request.getMethod() + " " + request.getRequestURI()
                            + " needs Content-Type: application/json (also without a body) or a bearer token");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            String host = request.getServerName();
            int port = request.getServerPort();
            int originPort = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && host.equalsIgnoreCase(uri.getHost())
                    && port == originPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
