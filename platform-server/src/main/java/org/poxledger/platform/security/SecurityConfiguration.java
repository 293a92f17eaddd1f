package org.poxledger.platform.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains (DESIGN §9).
 *
 * <p>The REST API ({@code /api/**}) is stateless: every request carries its credentials in the {@code Authorization}
 * header and no session cookie is ever issued for it. It has no CSRF token; a browser that holds Basic credentials
 * would still attach them to a forged request, so {@link CrossSiteRequestFilter} refuses cross-site and non-JSON
 * state-changing calls, and no 401 sends the {@code WWW-Authenticate: Basic} challenge that makes a browser cache
 * them. Everything else (portal pages, log-in form) uses a session cookie and keeps CSRF protection on.
 */
@Configuration
class SecurityConfiguration {

    /** The portal: its own scripts, styles and images only; no inline script, no framing, forms post to itself. */
    static final String PORTAL_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI sets inline styles from its scripts; the rest stays as strict as the portal. */
    static final String SWAGGER_UI_CSP =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                    + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** JSON answers load nothing. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    private static final RequestMatcher SWAGGER_UI =
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    /** Invitation links carry their code in the path: no page may send it onwards as a referrer. */
    private static HeadersConfigurer<HttpSecurity> commonHeaders(HeadersConfigurer<HttpSecurity> headers) {
        return headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication // rebuild-graph mode has no web server, hence no HttpSecurity
    SecurityFilterChain apiSecurity(
            HttpSecurity http, JsonMapper json, ApiTokens tokens, UserAccounts accounts, AttemptThrottle throttle)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/v1/setup")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/setup")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/invitations/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/invitations/*/accept")
                        .permitAll()
                        // published policies, cycle roots, proof verification and supply: anyone may check them
                        .requestMatchers("/api/v1/public/**")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(PoxUser.ADMIN)
                        .anyRequest()
                        .authenticated())
                // scripts may keep sending Basic (a BCrypt check per call); clients sign in once for a bearer token
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .oauth2ResourceServer(bearer -> bearer.jwt(jwt ->
                                jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(new TokenAccounts(accounts)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> commonHeaders(headers).contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP)))
                // before any authentication filter: a forged request costs no password check
                .addFilterAfter(new CrossSiteRequestFilter(problems), CsrfFilter.class)
                .addFilterBefore(
                        new LoginThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new GuessThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain webSecurity(HttpSecurity http, JsonMapper json, AttemptThrottle throttle) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.addFilterBefore(new LoginThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new GuessThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/setup",
                                "/setup/**",
                                "/invite/**",
                                "/error",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.svg",
                                "/favicon.ico",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/admin/**", "/actuator/**")
                        .hasRole(PoxUser.ADMIN)
                        .anyRequest()
                        .authenticated())
                // the portal's own page at GET /login; Spring Security reads the POST
                .headers(headers -> commonHeaders(headers)
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                SWAGGER_UI, new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_CSP)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(SWAGGER_UI),
                                new StaticHeadersWriter("Content-Security-Policy", PORTAL_CSP))))
                .formLogin(form -> form.loginPage("/login").permitAll())
                // for operators' tools reading /actuator, never challenged (see ProblemResponses); state-changing
                // forms still need the CSRF token
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
