package org.poxledger.platform.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Bad input on every endpoint: an RFC 9457 problem detail with the code (and the field), and nothing changed in the
 * graph.
 */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiRefusalsIT {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    private RestTestClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private String member;
    private String memberId;

    @BeforeEach
    void adminAndOneVerifiedMember() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        member = "gina" + run;
        memberId = genesis("gina_" + run, member, "Gina");
    }

    @Test
    void setup_refuses_missing_fields_a_bad_token_and_a_second_admin() {
        String before = graphState();
        problem(post("/api/v1/setup", null, Map.of()), 400, "VALIDATION_FAILED")
                .jsonPath("$.errors.token")
                .exists()
                .jsonPath("$.errors.username")
                .exists()
                .jsonPath("$.errors.password")
                .exists();
        problem(postRaw("/api/v1/setup", "{not json"), 400, "MALFORMED_REQUEST");
        problem(
                post("/api/v1/setup", null, Map.of("token", "x", "username", "root2", "password", PASSWORD)),
                409,
                "SETUP_ALREADY_DONE");
        assertThat(graphState()).isEqualTo(before);
    }

    @Test
    void an_admin_sees_a_member_s_level_score_rate_balance_and_counts_down_to_max_depth() {
        get("/api/v1/admin/members/" + memberId, "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.memberId")
                .isEqualTo(memberId)
                .jsonPath("$.status")
                .isEqualTo("VERIFIED")
                .jsonPath("$.level")
                .isEqualTo(1)
                .jsonPath("$.scoreBps")
                .isEqualTo(0)
                .jsonPath("$.rateBps")
                .isEqualTo(10000)
                .jsonPath("$.balance")
                .isEqualTo(0)
                .jsonPath("$.policyVersion")
                .isEqualTo(1)
                .jsonPath("$.counts.length()")
                .isEqualTo(3);
        problem(get("/api/v1/admin/members/m_nobody", "root"), 404, "MEMBER_NOT_FOUND");
    }

    @Test
    void admin_member_endpoints_name_the_bad_field_and_change_nothing() {
        String before = graphState();
        Map<String, Object> genesis = Map.of(
                "network",
                "myspace",
                "handle",
                "someone",
                "displayName",
                "X",
                "username",
                "xx" + run,
                "password",
                PASSWORD);
        problem(post("/api/v1/admin/members/genesis", "root", genesis), 400, "UNKNOWN_NETWORK")
                .jsonPath("$.field")
                .isEqualTo("network");
        problem(
                        post(
                                "/api/v1/admin/members/genesis",
                                "root",
                                with(genesis, "network", "email", "handle", "not-mail")),
                        400,
                        "MALFORMED_HANDLE")
                .jsonPath("$.field")
                .isEqualTo("handle");
        problem(
                        post("/api/v1/admin/members/genesis", "root", Map.of("network", "email", "password", "short")),
                        400,
                        "VALIDATION_FAILED")
                .jsonPath("$.errors.handle")
                .exists()
                .jsonPath("$.errors.displayName")
                .exists()
                .jsonPath("$.errors.username")
                .exists()
                .jsonPath("$.errors.password")
                .exists();
        problem(
                post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        with(genesis, "network", "wechat", "handle", "gina_" + run)),
                409,
                "ACCOUNT_ALREADY_REGISTERED");
        problem(
                post("/api/v1/admin/members/genesis", "root", with(genesis, "network", "wechat", "username", member)),
                409,
                "USERNAME_TAKEN");
        problem(post("/api/v1/admin/members/genesis", member, genesis), 403, "ACCESS_DENIED");
        problem(
                http.post()
                        .uri("/api/v1/admin/members/genesis")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(genesis)
                        .exchange(),
                401,
                "UNAUTHENTICATED");

        problem(post("/api/v1/admin/members/bad.id/verify", "root", null), 400, "VALIDATION_FAILED");
        problem(post("/api/v1/admin/members/m_unknown/verify", "root", null), 404, "MEMBER_NOT_FOUND");
        problem(post("/api/v1/admin/members/" + memberId + "/suspend", "root", Map.of()), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("reason");
        problem(
                post("/api/v1/admin/members/" + memberId + "/reinstate", "root", null),
                409,
                "INVALID_STATUS_TRANSITION");
        problem(get("/api/v1/admin/members?size=0", "root"), 400, "VALIDATION_FAILED")
                .jsonPath("$.errors.size")
                .exists();
        problem(get("/api/v1/admin/members?status=BOGUS", "root"), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("status");
        problem(get("/api/v1/admin/counters/check", member), 403, "ACCESS_DENIED");
        assertThat(graphState()).isEqualTo(before);
    }

    @Test
    void member_endpoints_refuse_bad_input_and_accounts_without_a_member() {
        String before = graphState();
        problem(get("/api/v1/me", "root"), 403, "NOT_A_MEMBER");
        problem(get("/api/v1/me/referrals?depth=4", member), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("depth");
        problem(get("/api/v1/me/referrals?page=-1", member), 400, "VALIDATION_FAILED")
                .jsonPath("$.errors.page")
                .exists();
        problem(get("/api/v1/me/referrals?depth=two", member), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("depth");
        problem(get("/api/v1/me/invitations?size=101", member), 400, "VALIDATION_FAILED");
        problem(
                http.get()
                        .uri("/api/v1/me")
                        .headers(h -> h.setBasicAuth(member, "wrong password 123"))
                        .exchange(),
                401,
                "UNAUTHENTICATED");
        assertThat(graphState()).isEqualTo(before);
    }

    @Test
    void transfers_take_whole_numbers_only_name_the_bad_field_and_move_nothing() {
        String payee = genesis("ida_" + run, "ida" + run, "Ida");
        String before = graphState();
        for (String amount :
                new String[] {"1.5", "1.99", "\"7\"", "\" 5 \"", "9223372036854775808", "\"ten\"", "true", "1e2"}) {
            var request = http.post()
                    .uri("/api/v1/me/wallet/transfers")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBasicAuth(member, PASSWORD))
                    .body("{\"transferId\":\"t-" + run + "\",\"toMemberId\":\"" + payee + "\",\"amount\":" + amount
                            + "}")
                    .exchange();
            problem(request, 400, "VALIDATION_FAILED")
                    .jsonPath("$.field")
                    .isEqualTo("amount")
                    .jsonPath("$.errors.amount")
                    .exists();
        }
        var syntax = http.post()
                .uri("/api/v1/me/wallet/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth(member, PASSWORD))
                .body("{\"toMemberId\":\"m_nobody\",\"amount\": 1x}")
                .exchange();
        problem(syntax, 400, "MALFORMED_REQUEST").jsonPath("$.field").doesNotExist();
        for (String user : new String[] {member, "ida" + run}) {
            get("/api/v1/me/wallet", user)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.balance.minorUnits")
                    .isEqualTo(0);
            get("/api/v1/me/wallet/transfers", user)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(0)
                    .jsonPath("$.items")
                    .isEmpty();
        }
        problem(get("/api/v1/me/wallet/transfers?size=101", member), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("size");
        problem(get("/api/v1/me/wallet/transfers?page=-1", member), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("page");
        assertThat(graphState()).isEqualTo(before);
    }

    @Test
    void invitations_refuse_bad_accounts_duplicates_and_registered_accounts() {
        problem(post("/api/v1/me/invitations", member, Map.of("network", "email")), 400, "VALIDATION_FAILED")
                .jsonPath("$.field")
                .isEqualTo("handle");
        problem(
                        post("/api/v1/me/invitations", member, Map.of("network", "icq", "handle", "123")),
                        400,
                        "UNKNOWN_NETWORK")
                .jsonPath("$.field")
                .isEqualTo("network");
        problem(
                        post("/api/v1/me/invitations", member, Map.of("network", "phone", "handle", "12")),
                        400,
                        "MALFORMED_HANDLE")
                .jsonPath("$.field")
                .isEqualTo("handle");
        problem(
                        post("/api/v1/me/invitations", member, Map.of("network", "wechat", "handle", "GINA_" + run)),
                        400,
                        "SELF_REFERRAL")
                .jsonPath("$.field")
                .isEqualTo("handle");
        post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network",
                                "wechat",
                                "handle",
                                "hank_" + run,
                                "displayName",
                                "Hank",
                                "username",
                                "hank" + run,
                                "password",
                                PASSWORD))
                .expectStatus()
                .isCreated();
        problem(
                        post("/api/v1/me/invitations", member, Map.of("network", "wechat", "handle", "HANK_" + run)),
                        409,
                        "ACCOUNT_ALREADY_REGISTERED")
                .jsonPath("$.field")
                .isEqualTo("handle");
        String before = graphState();
        post("/api/v1/me/invitations", member, Map.of("network", "phone", "handle", "+86 138 0013 8000"))
                .expectStatus()
                .isCreated();
        String afterOne = graphState();
        problem(
                post("/api/v1/me/invitations", member, Map.of("network", "phone", "handle", "+8613800138000")),
                409,
                "DUPLICATE_INVITATION");
        assertThat(afterOne).isNotEqualTo(before);
        assertThat(graphState()).isEqualTo(afterOne);
    }

    @Test
    void accepting_refuses_bad_fields_taken_usernames_and_expired_or_unknown_codes_and_registers_nobody() {
        String code = post("/api/v1/me/invitations", member, Map.of("network", "x", "handle", "hank" + run))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("code")
                .toString();
        String before = graphState();

        problem(
                        post(
                                "/api/v1/invitations/" + code + "/accept",
                                null,
                                Map.of("username", "a", "password", "short", "email", "not-an-email")),
                        400,
                        "VALIDATION_FAILED")
                .jsonPath("$.errors.username")
                .exists()
                .jsonPath("$.errors.password")
                .exists()
                .jsonPath("$.errors.displayName")
                .exists()
                .jsonPath("$.errors.email")
                .exists();
        Map<String, Object> accept = Map.of("username", member, "password", PASSWORD, "displayName", "Hank");
        problem(post("/api/v1/invitations/" + code + "/accept", null, accept), 409, "USERNAME_TAKEN")
                .jsonPath("$.field")
                .isEqualTo("username");
        problem(http.get().uri("/api/v1/invitations/nosuchcode").exchange(), 404, "INVITATION_NOT_FOUND");
        problem(
                post("/api/v1/invitations/nosuchcode/accept", null, with(accept, "username", "hank" + run)),
                404,
                "INVITATION_NOT_FOUND");
        assertThat(graphState()).isEqualTo(before);

        driver.executableQuery("MATCH (i:Invitation {code: $code}) SET i.expiresAt = 0")
                .withParameters(Map.of("code", code))
                .execute();
        String expired = graphState();
        problem(http.get().uri("/api/v1/invitations/" + code).exchange(), 410, "INVITATION_EXPIRED");
        problem(
                post("/api/v1/invitations/" + code + "/accept", null, with(accept, "username", "hank" + run)),
                410,
                "INVITATION_EXPIRED");
        assertThat(graphState()).isEqualTo(expired);
    }

    @Test
    void the_openapi_document_describes_every_endpoint_its_body_and_its_problem_answers() {
        var docs =
                http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody();
        for (String path : new String[] {
            "/api/v1/setup",
            "/api/v1/admin/members",
            "/api/v1/admin/members/genesis",
            "/api/v1/admin/members/{memberId}",
            "/api/v1/admin/members/{memberId}/verify",
            "/api/v1/admin/members/{memberId}/suspend",
            "/api/v1/admin/members/{memberId}/reinstate",
            "/api/v1/admin/counters/check",
            "/api/v1/admin/counters/recompute",
            "/api/v1/me",
            "/api/v1/me/level",
            "/api/v1/me/level-changes",
            "/api/v1/me/referrals",
            "/api/v1/me/referrals/{memberId}/recommendees",
            "/api/v1/me/referrals/depths",
            "/api/v1/me/invitations",
            "/api/v1/invitations/{code}",
            "/api/v1/invitations/{code}/accept",
            "/api/v1/payments",
            "/api/v1/me/channels",
            "/api/v1/me/channels/{channelId}",
            "/api/v1/me/channels/{channelId}/history",
            "/api/v1/me/channels/{channelId}/settle",
            "/api/v1/me/channels/{channelId}/close",
            "/api/v1/me/channels/{channelId}/spending-certificate",
            "/api/v1/me/wallets",
            "/api/v1/me/wallets/{channelId}/shares",
            "/api/v1/public/payments/broker-key"
        }) {
            docs.jsonPath("$.paths['" + path + "']").exists();
        }
        docs.jsonPath("$.paths['/api/v1/invitations/{code}/accept'].post.requestBody.content['application/json']"
                        + ".schema['$ref']")
                .isEqualTo("#/components/schemas/AcceptRequest")
                .jsonPath("$.paths['/api/v1/me/invitations'].post.responses['409'].content['application/problem+json']"
                        + ".schema['$ref']")
                .isEqualTo("#/components/schemas/Problem")
                .jsonPath("$.paths['/api/v1/me/invitations'].post.responses['409'].description")
                .value(description -> assertThat(description.toString()).contains("DUPLICATE_INVITATION"))
                .jsonPath("$.paths['/api/v1/me/referrals/{memberId}/recommendees'].get.responses['404'].description")
                .value(description -> assertThat(description.toString()).contains("MEMBER_NOT_FOUND"))
                .jsonPath("$.paths['/referrals/{memberId}/recommendees']")
                .doesNotExist()
                .jsonPath("$.paths['/api/v1/payments'].post.responses['409'].description")
                .value(description -> assertThat(description.toString()).contains("PAYWORD_REPLAYED"))
                .jsonPath("$.components.schemas.Problem.properties.code")
                .exists()
                .jsonPath("$.components.securitySchemes.basic.scheme")
                .isEqualTo("basic")
                .jsonPath("$.paths['/api/v1/invitations/{code}/accept'].post.security")
                .isEmpty()
                .jsonPath("$.paths['/api/v1/setup'].post.security")
                .isEmpty()
                .jsonPath("$.paths['/api/v1/me'].get.security")
                .doesNotExist()
                .jsonPath("$.paths['/api/v1/admin/members'].get.responses['200']")
                .exists()
                .jsonPath("$.paths['/api/v1/admin/cycles/{cycleId}'].get.responses['404']")
                .exists()
                .jsonPath("$.paths['/api/v1/public/rewards/verify'].post.responses['400']")
                .exists()
                .jsonPath("$.paths['/api/v1/public/rewards/verify'].post.responses['404']")
                .exists();
    }

    /** @return the member id of a new genesis member with a WeChat account and a log-in */
    private String genesis(String handle, String username, String displayName) {
        return post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network",
                                "wechat",
                                "handle",
                                handle,
                                "displayName",
                                displayName,
                                "username",
                                username,
                                "password",
                                PASSWORD))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
    }

    /** Members, edges, counters, invitations and accounts, as one comparable text. */
    private String graphState() {
        return driver.executableQuery("""
                        CALL () { MATCH (m:Member) WITH m ORDER BY m.memberId
                                  RETURN collect([m.memberId, m.status, m.counts]) AS members }
                        CALL () { MATCH ()-[r:RECOMMENDED]->() RETURN count(r) AS edges }
                        CALL () { MATCH (i:Invitation) WITH i ORDER BY i.code
                                  RETURN collect([i.code, i.status, i.memberId, i.openAccount]) AS invitations }
                        CALL () { MATCH (u:UserAccount) WITH u ORDER BY u.username
                                  RETURN collect([u.username, u.enabled]) AS users }
                        RETURN members, edges, invitations, users
                        """)
                .execute()
                .records()
                .getFirst()
                .asMap()
                .toString();
    }

    private static RestTestClient.BodyContentSpec problem(
            RestTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> base, String... keyValues) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put(keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    private RestTestClient.ResponseSpec post(String uri, String user, Object body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return body == null ? request.exchange() : request.body(body).exchange();
    }

    private RestTestClient.ResponseSpec postRaw(String uri, String text) {
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(text)
                .exchange();
    }

    private RestTestClient.ResponseSpec get(String uri, String user) {
        return http.get().uri(uri).headers(h -> h.setBasicAuth(user, PASSWORD)).exchange();
    }
}
