package org.poxledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
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

/**
 * The CSRF attack of issue 10, replayed: a page on another origin makes a browser that holds the admin's Basic
 * credentials auto-submit {@code <form method=POST enctype="text/plain" action=".../verify">}. It must fail, and the
 * member must stay ACTIVE.
 */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossSiteApiRequestsIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String EVIL = "http://evil.example";

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    private RestTestClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private String activeMember;

    @BeforeEach
    void anAdminAGenesisMemberAndAnActiveInvitee() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        String inviter = "gina" + run;
        json(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network",
                                "wechat",
                                "handle",
                                "gina_" + run,
                                "displayName",
                                "Gina",
                                "username",
                                inviter,
                                "password",
                                PASSWORD))
                .expectStatus()
                .isCreated();
        String code = json("/api/v1/me/invitations", inviter, Map.of("network", "x", "handle", "hal" + run))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("code")
                .toString();
        activeMember = json(
                        "/api/v1/invitations/" + code + "/accept",
                        null,
                        Map.of("username", "hal" + run, "password", PASSWORD, "displayName", "Hal"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
        assertThat(status(activeMember)).isEqualTo("ACTIVE");
    }

    @Test
    void the_text_plain_form_post_of_a_foreign_page_is_refused_and_the_member_stays_active() {
        // what Chromium sends for the auto-submitted form, with the admin's cached Basic credentials
        http.post()
                .uri("/api/v1/admin/members/" + activeMember + "/verify")
                .contentType(MediaType.TEXT_PLAIN)
                .header(HttpHeaders.ORIGIN, EVIL)
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate")
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .body("x=")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CROSS_SITE_REQUEST");
        assertThat(status(activeMember)).isEqualTo("ACTIVE");
    }

    @Test
    void a_browser_without_fetch_metadata_is_refused_by_its_origin_header_alone() {
        for (String origin :
                new String[] {EVIL, "null", "http://127.0.0.1:" + (port + 1), "https://127.0.0.1:" + port}) {
            http.post()
                    .uri("/api/v1/admin/members/" + activeMember + "/verify")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.ORIGIN, origin)
                    .headers(h -> h.setBasicAuth("root", PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CROSS_SITE_REQUEST");
        }
        assertThat(status(activeMember)).isEqualTo("ACTIVE");
    }

    @Test
    void simple_request_bodies_a_page_may_send_anywhere_are_refused_even_without_origin() {
        for (MediaType type : new MediaType[] {
            MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED, MediaType.parseMediaType("multipart/form-data")
        }) {
            http.post()
                    .uri("/api/v1/admin/members/" + activeMember + "/verify")
                    .contentType(type)
                    .headers(h -> h.setBasicAuth("root", PASSWORD))
                    .body("x=1")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("JSON_REQUIRED");
        }
        http.post()
                .uri("/api/v1/admin/members/" + activeMember + "/verify")
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(415);
        assertThat(status(activeMember)).isEqualTo("ACTIVE");
    }

    @Test
    void the_same_call_from_a_script_or_the_servers_own_origin_still_works() {
        http.post()
                .uri("/api/v1/admin/members/" + activeMember + "/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin")
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFIED");
        assertThat(status(activeMember)).isEqualTo("VERIFIED");
    }

    @Test
    void a_refused_login_sends_no_basic_challenge_so_no_browser_prompts_for_and_caches_credentials() {
        for (String uri : new String[] {"/api/v1/me", "/actuator/metrics"}) {
            var result = http.get()
                    .uri(uri)
                    .headers(h -> h.setBasicAuth("root", "wrong password!"))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .returnResult();
            assertThat(result.getResponseHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE))
                    .as(uri)
                    .noneSatisfy(challenge -> assertThat(challenge).startsWithIgnoringCase("Basic"));
        }
    }

    private String status(String memberId) {
        return http.get()
                .uri("/api/v1/admin/members/" + memberId)
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("status")
                .toString();
    }

    private RestTestClient.ResponseSpec json(String uri, String user, Object body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return request.body(body).exchange();
    }
}
