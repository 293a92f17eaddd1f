package org.poxledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * 30 wrong passwords in a row, on Basic, the log-in form and the token endpoint; a spray over many accounts; setup-token
 * and invitation-code guessing: each is throttled with 429 and {@code Retry-After}, and while it is, not even the
 * right password gets in. Weak and over-long passwords are refused before anything is stored or hashed.
 */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThrottlingIT {

    private static final String PASSWORD = "correct horse battery";
    private static final int TRIES = 30;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    @Autowired
    AttemptThrottle throttle;

    private RestTestClient http;

    @BeforeEach
    void anAdmin() {
        Neo4jTestServer.deleteAllData(driver);
        throttle.clear();
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @AfterEach
    void forgetTheFailures() {
        // the other tests share this server and come from the same address
        throttle.clear();
    }

    @Test
    void thirty_wrong_basic_passwords_are_throttled_after_five_and_then_the_right_one_waits_too() {
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(basic("root", "wrong password " + i).getStatus().value());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, TRIES)).containsOnly(429);
        EntityExchangeResult<byte[]> right = basic("root", PASSWORD);
        assertThat(right.getStatus().value()).isEqualTo(429);
        assertThat(Long.parseLong(right.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isBetween(1L, 60L);
        assertThat(new String(right.getResponseBodyContent())).contains("\"code\":\"TOO_MANY_ATTEMPTS\"");
    }

    @Test
    void thirty_wrong_passwords_on_the_log_in_form_are_throttled_after_five() {
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(formLogin("root", "wrong password " + i).getStatus().value());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(302);
        assertThat(statuses.subList(5, TRIES)).containsOnly(429);
        EntityExchangeResult<byte[]> right = formLogin("root", PASSWORD);
        assertThat(right.getStatus().value()).isEqualTo(429);
        assertThat(right.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(new String(right.getResponseBodyContent())).contains("Too many failed log-in attempts");
    }

    @Test
    void thirty_wrong_passwords_for_a_token_are_throttled_after_five_and_a_success_clears_the_count() {
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThat(token("root", "wrong password " + i).getStatus().value()).isEqualTo(401);
        }
        assertThat(token("root", PASSWORD).getStatus().value()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(token("root", "wrong password " + i).getStatus().value());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, TRIES)).containsOnly(429);
        EntityExchangeResult<byte[]> right = token("root", PASSWORD);
        assertThat(right.getStatus().value()).isEqualTo(429);
        assertThat(right.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(right.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
    }

    @Test
    void spraying_one_password_over_many_accounts_is_throttled_per_address() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(basic("user" + i, "password guess").getStatus().value());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, TRIES)).containsOnly(429);
    }

    @Test
    void guessing_the_setup_token_is_throttled_after_ten_and_creates_no_admin() {
        setup.issueTokenIfNoAdmin().orElseThrow();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(json("/api/v1/setup", Map.of("token", "guess" + i, "username", "root", "password", PASSWORD))
                    .getStatus()
                    .value());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(403);
        assertThat(statuses.subList(10, TRIES)).containsOnly(429);
        assertThat(setup.isComplete()).isFalse();
    }

    @Test
    void guessing_invitation_codes_is_throttled_after_ten() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            statuses.add(http.get()
                    .uri("/api/v1/invitations/guess" + i)
                    .exchange()
                    .returnResult()
                    .getStatus()
                    .value());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(404);
        assertThat(statuses.subList(10, TRIES)).containsOnly(429);
        assertThat(http.get()
                        .uri("/invite/guess")
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .returnResult()
                        .getStatus()
                        .value())
                .isEqualTo(429);
    }

    @Test
    void weak_and_over_long_passwords_are_refused_with_their_reason_and_create_no_admin() {
        String token = setup.issueTokenIfNoAdmin().orElseThrow();
        for (String weak : new String[] {"1234567890", "aaaaaaaaaa", "password12"}) {
            EntityExchangeResult<byte[]> refused =
                    json("/api/v1/setup", Map.of("token", token, "username", "root", "password", weak));
            assertThat(refused.getStatus().value()).as(weak).isEqualTo(400);
            assertThat(new String(refused.getResponseBodyContent()))
                    .contains("\"code\":\"VALIDATION_FAILED\"")
                    .contains("too easy to guess");
        }
        EntityExchangeResult<byte[]> tooLong =
                json("/api/v1/setup", Map.of("token", token, "username", "root", "password", "é".repeat(40)));
        assertThat(tooLong.getStatus().value()).isEqualTo(400);
        assertThat(new String(tooLong.getResponseBodyContent())).contains("72 bytes");
        assertThat(setup.isComplete()).isFalse();
        // an 80-byte password at log-in is a wrong password, not a server error
        setup.createFirstAdmin(token, "root", PASSWORD);
        assertThat(basic("root", "é".repeat(40)).getStatus().value()).isEqualTo(401);
        assertThat(token("root", "é".repeat(40)).getStatus().value()).isEqualTo(401);
    }

    private EntityExchangeResult<byte[]> basic(String user, String password) {
        return http.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBasicAuth(user, password))
                .exchange()
                .expectBody()
                .returnResult();
    }

    private EntityExchangeResult<byte[]> token(String user, String password) {
        return json("/api/v1/auth/token", Map.of("username", user, "password", password));
    }

    private EntityExchangeResult<byte[]> json(String uri, Object body) {
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectBody()
                .returnResult();
    }

    /** The portal's form, as a browser submits it: the session cookie and CSRF token of the log-in page. */
    private EntityExchangeResult<byte[]> formLogin(String user, String password) {
        EntityExchangeResult<String> page = http.get()
                .uri("/login")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        Matcher csrf = CSRF.matcher(page.getResponseBody());
        assertThat(csrf.find()).isTrue();
        String cookie =
                page.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
        return http.post()
                .uri("/login")
                .accept(MediaType.TEXT_HTML)
                .header(HttpHeaders.COOKIE, cookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("username=" + user + "&password=" + password.replace(' ', '+') + "&_csrf=" + csrf.group(1))
                .exchange()
                .expectBody()
                .returnResult();
    }
}
