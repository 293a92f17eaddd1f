package org.poxledger.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.web.Refuses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign in once, call many times: exchanges a username and password for a short-lived bearer token, so the password
 * hash is checked once per sign-in instead of once per call (Basic). Send it as {@code Authorization: Bearer <token>}.
 */
// rebuild-graph mode runs without a web server, hence without Spring Security's authentication configuration
@ConditionalOnWebApplication
@RestController
@RequestMapping("/api/v1/auth/token")
@Tag(name = "auth", description = "Bearer tokens for API clients")
@SecurityRequirements
class TokenController {

    private final AuthenticationConfiguration authentication;
    private final ApiTokens tokens;
    private final AttemptThrottle throttle;

    TokenController(AuthenticationConfiguration authentication, ApiTokens tokens, AttemptThrottle throttle) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** @param username log-in name @param password its password */
    record TokenRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 256) String password) {

        @Override
        public String toString() {
            return "TokenRequest[username=" + username + "]";
        }
    }

    /**
     * @param accessToken the bearer token
     * @param tokenType always {@code Bearer}
     * @param expiresIn seconds until it expires
     * @param expiresAt when it expires
     */
    record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {}

    @PostMapping
    @Operation(summary = "Sign in: a short-lived bearer token for the account")
    @ApiResponse(responseCode = "200", description = "signed in")
    @Refuses({ErrorCode.BAD_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS})
    TokenResponse issue(@Valid @RequestBody TokenRequest request, HttpServletRequest http) throws Exception {
        throttle.loginWait(http.getRemoteAddr(), request.username()).ifPresent(wait -> {
            throw new TooManyAttemptsException(wait, "too many failed log-in attempts for this account or address");
        });
        AuthenticationManager manager = authentication.getAuthenticationManager();
        UsernamePasswordAuthenticationToken attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
        attempt.setDetails(new WebAuthenticationDetails(http));
        Authentication result;
        try {
            result = manager.authenticate(attempt);
        } catch (AuthenticationException e) {
            throw Refusal.of(
                    ErrorCode.BAD_CREDENTIALS, "username or password is wrong, or the account is not enabled yet");
        }
        ApiTokens.IssuedToken token = tokens.issue((PoxUser) result.getPrincipal());
        return new TokenResponse(
                token.token(),
                "Bearer",
                Duration.between(token.issuedAt(), token.expiresAt()).toSeconds(),
                token.expiresAt());
    }
}
