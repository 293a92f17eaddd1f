package org.poxledger.platform.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
 * The reward, wallet, policy and audit API over HTTP (embedded ledger, real Neo4j, the whole application): a tree of
 * four members, a policy draft previewed, a cycle closed and paid in the background, the member's explanation, proof
 * and wallet, a transfer retried, the draft published, and an audit that finds nothing.
 */
@PoxSpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pox.rewards.resume-interval=0", "pox.rewards.chunk-size=1"})
class RewardJourneyIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration PAID_WITHIN = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    private RestTestClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void cleanGraphAndAdmin() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
    }

    @Test
    void an_admin_previews_a_draft_closes_a_cycle_and_members_see_verify_and_spend_their_rewards() {
        // alice -> bob, carol; bob -> dave. alice: 2 new at depth 1, 1 at depth 2, score 2.5 (level 1):
        // 10000 x 1.0 x (2 x 10000 + 1 x 2000) / 10^8 = 22000; bob: 10000; 32000 in all
        String alice = genesis("alice" + run);
        String bob = invited("alice" + run, "bob" + run);
        invited("alice" + run, "carol" + run);
        post("/api/v1/admin/members/" + bob + "/verify", "root", null)
                .expectStatus()
                .isOk();
        invited("bob" + run, "dave" + run);

        // a draft breaking two rules is refused with both fields named; a valid one doubling the base is saved
        get("/api/v1/admin/policy/draft", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.saved")
                .isEqualTo(false)
                .jsonPath("$.basedOnVersion")
                .isEqualTo(1);
        Map<String, Object> draft = Map.of(
                "maxDepth", 3,
                "levelWeightBps", List.of(10000, 5000, 2500),
                "payoutShareBps", List.of(10000, 2000, 500),
                "baseRewardUnits", 20000,
                "tiers", List.of(Map.of("level", 1, "minScoreBps", 0, "minDirect", 0, "rateBps", 10000)));
        Map<String, Object> broken = new java.util.HashMap<>(draft);
        broken.put("maxDepth", 0);
        broken.put("tiers", List.of(Map.of("level", 1, "minScoreBps", 0, "minDirect", 0, "rateBps", 0)));
        put("/api/v1/admin/policy/draft", "root", broken)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("POLICY_INVALID")
                .jsonPath("$.errors.maxDepth")
                .exists()
                .jsonPath("$['errors']['tiers[0].rateBps']")
                .exists();
        put("/api/v1/admin/policy/draft", "root", draft).expectStatus().isOk();
        get("/api/v1/admin/policy/draft/preview", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.members")
                .isEqualTo(4)
                .jsonPath("$.levelsCurrent.1")
                .isEqualTo(4)
                .jsonPath("$.nextCycle.costCurrent")
                .isEqualTo(32000)
                .jsonPath("$.nextCycle.costDraft")
                .isEqualTo(64000)
                .jsonPath("$.nextCycle.costDelta")
                .isEqualTo(32000);

        // close the cycle; it is paid in the background, one entry per chunk
        Map<?, ?> plan = post("/api/v1/admin/cycles", "root", Map.of())
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String cycleId = plan.get("cycleId").toString();
        assertThat(plan.get("totalAmount")).isEqualTo(32000);
        await().atMost(PAID_WITHIN).untilAsserted(() -> get("/api/v1/admin/cycles/" + cycleId + "/progress", "root")
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("COMPLETE")
                .jsonPath("$.chunksPending")
                .isEqualTo(0));
        get("/api/v1/admin/cycles", "root").expectBody().jsonPath("$.length()").isEqualTo(1);

        // alice: wallet, reward, explanation, proof; anyone can check the proof against the on-chain root
        get("/api/v1/me/wallet", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.balance.minorUnits")
                .isEqualTo(22000)
                .jsonPath("$.balance.display")
                .isEqualTo("220.00 PXC");
        get("/api/v1/me/rewards/" + cycleId, "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.matchesEntry")
                .isEqualTo(true)
                .jsonPath("$.entry.amount")
                .isEqualTo(22000)
                .jsonPath("$.depths[1].registrations.length()")
                .isEqualTo(1);
        Map<?, ?> proof = get("/api/v1/me/rewards/" + cycleId + "/proof", "alice" + run)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(proof.get("verified")).isEqualTo(true);
        Map<?, ?> merkle = (Map<?, ?>) proof.get("proof");
        // anyone, logged in or not, can check a proof against the on-chain root
        post(
                        "/api/v1/public/rewards/verify",
                        null,
                        Map.of("cycleId", cycleId, "entry", merkle.get("entry"), "path", merkle.get("path")))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.valid")
                .isEqualTo(true);
        get("/api/v1/public/cycles/" + cycleId, null)
                .expectBody()
                .jsonPath("$.merkleRoot")
                .isEqualTo(plan.get("merkleRoot"))
                .jsonPath("$.totalPaid")
                .isEqualTo(32000);

        // a transfer retried with its idempotency key moves the money once; bad input names the field
        Map<String, Object> transfer = Map.of("toMemberId", bob, "amount", 500, "memo", "coffee");
        postWithKey("/api/v1/me/wallet/transfers", "alice" + run, "pay-" + run, transfer)
                .expectStatus()
                .isCreated();
        postWithKey("/api/v1/me/wallet/transfers", "alice" + run, "pay-" + run, transfer)
                .expectStatus()
                .isOk();
        postWithKey("/api/v1/me/wallet/transfers", "alice" + run, "neg-" + run, Map.of("toMemberId", bob, "amount", -5))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors.amount")
                .exists();
        get("/api/v1/me/wallet/transfers", "alice" + run)
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].direction")
                .isEqualTo("OUT");
        get("/api/v1/me/wallet", "bob" + run)
                .expectBody()
                .jsonPath("$.balance.minorUnits")
                .isEqualTo(10500);

        // publish the draft as version 2; history lists both with their hashes
        post("/api/v1/admin/policy/draft/publish", "root", null)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
        get("/api/v1/admin/policy/history", "root")
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[1].contentHash")
                .value(hash -> assertThat(hash.toString()).matches("[0-9a-f]{64}"));
        get("/api/v1/public/policy/current", null)
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);

        // graph and ledger agree; total supply is what the cycle minted
        get("/api/v1/admin/audit", "root")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.differences.length()")
                .isEqualTo(0);
        get("/api/v1/public/money/supply", null)
                .expectBody()
                .jsonPath("$.totalSupply.minorUnits")
                .isEqualTo(32000);
        assertThat(alice).isNotBlank();
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(docs -> assertThat(docs)
                        .contains(
                                "/api/v1/admin/cycles/{cycleId}/run",
                                "/api/v1/me/rewards/{cycleId}/proof",
                                "/api/v1/me/wallet/transfers",
                                "/api/v1/admin/policy/draft/preview",
                                "/api/v1/admin/audit"));
    }

    private String genesis(String username) {
        return post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network", "wechat",
                                "handle", username,
                                "displayName", username,
                                "username", username,
                                "password", PASSWORD))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
    }

    private String invited(String inviter, String username) {
        String code = post("/api/v1/me/invitations", inviter, Map.of("network", "x", "handle", username))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("code")
                .toString();
        return post(
                        "/api/v1/invitations/" + code + "/accept",
                        null,
                        Map.of("username", username, "password", PASSWORD, "displayName", username))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
    }

    private RestTestClient.ResponseSpec post(String uri, String user, Object body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return body == null ? request.exchange() : request.body(body).exchange();
    }

    private RestTestClient.ResponseSpec postWithKey(String uri, String user, String key, Object body) {
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBasicAuth(user, PASSWORD);
                    h.set("Idempotency-Key", key);
                })
                .body(body)
                .exchange();
    }

    private RestTestClient.ResponseSpec put(String uri, String user, Object body) {
        return http.put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth(user, PASSWORD))
                .body(body)
                .exchange();
    }

    /** @param user null for an anonymous request */
    private RestTestClient.ResponseSpec get(String uri, String user) {
        var request = http.get().uri(uri);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return request.exchange();
    }
}
