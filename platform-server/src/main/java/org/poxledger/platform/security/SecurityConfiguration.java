package org.poxledger.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
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

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/v1/setup")
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
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // before any authentication filter: a forged request costs no password check
                .addFilterAfter(new CrossSiteRequestFilter(problems), CsrfFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
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
                .formLogin(form -> form.loginPage("/login").permitAll())
                // for operators' tools reading /actuator, never challenged (see ProblemResponses); state-changing
                // forms still need the CSRF token
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
