package org.poxledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
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
import org.springframework.test.web.servlet.client.RestTestClient;

/** Sign in once for a bearer token, then call the API with it; the token is refused once it is forged or orphaned. */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokenIT {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    private RestTestClient http;

    @BeforeEach
    void anAdmin() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
    }

    @Test
    void a_signed_in_client_calls_admin_endpoints_with_its_bearer_token() {
        Map<?, ?> issued = signIn("root", PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(issued.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) issued.get("expiresIn")).longValue()).isEqualTo(900);
        String token = issued.get("accessToken").toString();

        http.get()
                .uri("/api/v1/admin/members")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        // a bearer token is not something a browser attaches by itself: no JSON body type needed
        http.post()
                .uri("/api/v1/admin/members/m_unknown/verify")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MEMBER_NOT_FOUND");
    }

    @Test
    void a_wrong_password_gets_no_token() {
        signIn("root", "not the password")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BAD_CREDENTIALS")
                .jsonPath("$.accessToken")
                .doesNotExist();
    }

    @Test
    void a_tampered_token_and_the_token_of_a_deleted_account_are_refused() {
        String token = signIn("root", PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("accessToken")
                .toString();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String bad : new String[] {forged, "not-a-token"}) {
            var result = http.get()
                    .uri("/api/v1/me")
                    .headers(h -> h.setBearerAuth(bad))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .returnResult();
            assertThat(result.getResponseHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE))
                    .noneSatisfy(challenge -> assertThat(challenge).startsWithIgnoringCase("Basic"));
        }
        http.get()
                .uri("/api/v1/admin/members")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        driver.executableQuery("MATCH (u:UserAccount {username: 'root'}) DELETE u")
                .execute();
        // the account found for the token is read again after TokenAccounts.RECHECK, and dropped once found gone
        await().atMost(TokenAccounts.AT_MOST.plusSeconds(5)).untilAsserted(() -> http.get()
                .uri("/api/v1/admin/members")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized());
    }

    private RestTestClient.ResponseSpec signIn(String username, String password) {
        return http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", password))
                .exchange();
    }
}
