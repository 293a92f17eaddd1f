package org.poxledger.platform.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains (DESIGN §9).
 *
 * <p>The REST API ({@code /api/**}) is stateless HTTP Basic: every request carries its credentials in the
 * {@code Authorization} header, no session cookie is ever issued for it, and a browser never attaches that header to a
 * cross-site request on its own, so there is nothing for a CSRF attack to ride on; CSRF protection is therefore off
 * for the API only. Everything else (portal pages, log-in form) uses a session cookie and keeps CSRF protection on.
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
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
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
                // for operators' tools reading /actuator; state-changing forms still need the CSRF token
                .httpBasic(withDefaults())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
