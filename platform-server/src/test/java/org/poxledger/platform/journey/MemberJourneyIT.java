package org.poxledger.platform.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The member journey over HTTP, embedded ledger: set up the first admin → create a genesis member → invite → accept
 * and register → verify → invite further → levels and counters → me.
 */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberJourneyIT {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    @Autowired
    LedgerConnection ledger;

    @Autowired
    MeterRegistry meters;

    private RestTestClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void cleanGraph() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void an_admin_a_genesis_member_and_invited_members_build_a_tree_whose_levels_show_in_me() {
        // first admin, with the one-time token the server prints at start-up
        http.get()
                .uri("/api/v1/setup")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.complete")
                .isEqualTo(false);
        String token = setup.issueTokenIfNoAdmin().orElseThrow();
        post("/api/v1/setup", null, Map.of("token", token, "username", "root", "password", PASSWORD))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("ADMIN");
        post("/api/v1/setup", null, Map.of("token", token, "username", "root2", "password", PASSWORD))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SETUP_ALREADY_DONE");

        // genesis member alice, created verified
        String alice = post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network",
                                "email",
                                "handle",
                                " Alice." + run + "@Example.org ",
                                "displayName",
                                "Alice",
                                "username",
                                "alice" + run,
                                "password",
                                PASSWORD))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
        assertThat(alice).matches("m_[a-z2-7]{20}");

        // alice invites bob; bob accepts; a retry of the accept registers nobody twice
        String bob = invitedAndRegistered("alice" + run, "wechat", "Bob_" + run, "bob" + run, "Bob");
        // bob is ACTIVE: he may not invite until an admin verifies him
        post("/api/v1/me/invitations", "bob" + run, Map.of("network", "x", "handle", "carol" + run))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVITER_NOT_VERIFIED");
        post("/api/v1/admin/members/" + bob + "/verify", "root", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFIED");

        invitedAndRegistered("bob" + run, "x", "carol" + run, "carol" + run, "Carol");
        invitedAndRegistered("bob" + run, "telegram", "@dave_" + run, "dave" + run, "Dave");
        invitedAndRegistered("alice" + run, "github", "erin-" + run, "erin" + run, "Erin");

        // alice: n1 = 2 (bob, erin), n2 = 2 (carol, dave): score 2×1.0 + 2×0.5 = 3.0 with 2 direct → level 2
        get("/api/v1/me", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.member.memberId")
                .isEqualTo(alice)
                .jsonPath("$.member.status")
                .isEqualTo("VERIFIED")
                .jsonPath("$.member.account")
                .isEqualTo("email:alice." + run + "@example.org")
                .jsonPath("$.standing.countsByDepth")
                .isEqualTo(List.of(2, 2, 0))
                .jsonPath("$.standing.scoreBps")
                .isEqualTo(30000)
                .jsonPath("$.standing.level")
                .isEqualTo(2)
                .jsonPath("$.standing.rateBps")
                .isEqualTo(12500)
                .jsonPath("$.standing.nextLevel.level")
                .isEqualTo(3)
                .jsonPath("$.standing.nextLevel.missingScoreBps")
                .isEqualTo(70000)
                .jsonPath("$.standing.nextLevel.missingDirect")
                .isEqualTo(1);
        get("/api/v1/me/level-changes", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].fromLevel")
                .isEqualTo(1)
                .jsonPath("$[0].toLevel")
                .isEqualTo(2);
        get("/api/v1/me/referrals?size=3", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(4)
                .jsonPath("$.items.length()")
                .isEqualTo(3)
                .jsonPath("$.items[0].depth")
                .isEqualTo(1)
                .jsonPath("$.items[2].depth")
                .isEqualTo(2)
                .jsonPath("$.items[0].account")
                .doesNotExist();
        get("/api/v1/me/referrals?depth=1", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2);

        // counters: incremental == full recount
        get("/api/v1/admin/counters/check", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.members")
                .isEqualTo(5)
                .jsonPath("$.mismatches.length()")
                .isEqualTo(0);
        post("/api/v1/admin/counters/recompute", "root", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.corrected")
                .isEqualTo(0);
        get("/api/v1/admin/members?size=10", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(5)
                .jsonPath("$.items[0].memberId")
                .isEqualTo(alice);

        // a suspended member cannot invite; reinstating restores VERIFIED
        post("/api/v1/admin/members/" + bob + "/suspend", "root", Map.of("reason", "fraud check"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SUSPENDED");
        post("/api/v1/me/invitations", "bob" + run, Map.of("network", "x", "handle", "frank" + run))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVITER_SUSPENDED");
        post("/api/v1/admin/members/" + bob + "/reinstate", "root", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFIED");

        // the ledger agrees, and its submits were timed
        assertThat(new String(ledger.evaluate(Transaction.GET_MEMBER.wireName(), bob)))
                .contains("\"recommenderId\":\"" + alice);
        assertThat(meters.get("pox.ledger.submit")
                        .tag("transaction", Transaction.REGISTER_MEMBER.wireName())
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(4);
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        get("/actuator/health", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.ledger.status")
                .isEqualTo("UP")
                .jsonPath("$.components.neo4j.status")
                .isEqualTo("UP")
                .jsonPath("$.components.projection.status")
                .isEqualTo("UP")
                .jsonPath("$.components.projection.details.ledgerBlock")
                .isNumber()
                .jsonPath("$.components.projection.details.lagBlocks")
                .isNumber()
                .jsonPath("$.components.projection.details.appliedBlock")
                .isNumber();
    }

    /** @return the new member's id */
    private String invitedAndRegistered(
            String inviter, String network, String handle, String username, String displayName) {
        Map<?, ?> invitation = post("/api/v1/me/invitations", inviter, Map.of("network", network, "handle", handle))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String code = invitation.get("code").toString();
        assertThat(invitation.get("link").toString()).endsWith("/invite/" + code);
        assertThat(invitation.get("status")).isEqualTo("OPEN");
        http.get()
                .uri("/api/v1/invitations/" + code)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.inviterDisplayName")
                .isNotEmpty();
        Map<String, Object> accept = Map.of("username", username, "password", PASSWORD, "displayName", displayName);
        String memberId = post("/api/v1/invitations/" + code + "/accept", null, accept)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
        post("/api/v1/invitations/" + code + "/accept", null, accept)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVITATION_ALREADY_ACCEPTED");
        get("/api/v1/me", username)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.member.memberId")
                .isEqualTo(memberId)
                .jsonPath("$.member.status")
                .isEqualTo("ACTIVE");
        return memberId;
    }

    private RestTestClient.ResponseSpec post(String uri, String user, Object body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return body == null ? request.exchange() : request.body(body).exchange();
    }

    private RestTestClient.ResponseSpec get(String uri, String user) {
        return http.get().uri(uri).headers(h -> h.setBasicAuth(user, PASSWORD)).exchange();
    }
}
