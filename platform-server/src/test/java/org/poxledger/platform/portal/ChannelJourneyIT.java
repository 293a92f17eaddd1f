package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.openqa.selenium.By;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A PayWord channel in a real browser (headless Debian Chromium), against the real server with a real Neo4j and the
 * ledger of the run: Alice's browser makes the chain from a seed it keeps, opens a channel to Bob, pays one unit per
 * click and then several at once, and checks each broker receipt's Ed25519 signature itself; a replayed payword is
 * refused; Bob settles all of it in one redeem, Alice pays on, Bob closes, and the dashboards show where the money
 * went.
 *
 * <p>The members and their money come through the REST API (as in the member journey); the browser does the channel.
 * Its own application context, hence a fresh ledger: the amounts below are exact.
 */
@PoxSpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pox.test.context=channel-journey")
class ChannelJourneyIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration PAID_WITHIN = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver neo4j;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private RestTestClient http;
    private ChromiumBrowser alice;
    private ChromiumBrowser bob;

    @BeforeAll
    static void chromiumIsInstalled() {
        ChromiumBrowser.requireInstalled();
    }

    @BeforeEach
    void aliceHasMoneyAndBobIsAMember() {
        Neo4jTestServer.deleteAllData(neo4j);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String token = setup.issueTokenIfNoAdmin().orElseThrow();
        post("/api/v1/setup", null, Map.of("token", token, "username", "root", "password", PASSWORD))
                .expectStatus()
                .isCreated();
        post(
                        "/api/v1/admin/members/genesis",
                        "root",
                        Map.of(
                                "network",
                                "email",
                                "handle",
                                "alice." + run + "@example.org",
                                "displayName",
                                "Alice Example",
                                "username",
                                "alice" + run,
                                "password",
                                PASSWORD))
                .expectStatus()
                .isCreated();
        String code = post("/api/v1/me/invitations", "alice" + run, Map.of("network", "wechat", "handle", "bob_" + run))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("code")
                .toString();
        String bobId = post(
                        "/api/v1/invitations/" + code + "/accept",
                        null,
                        Map.of("username", "bob" + run, "password", PASSWORD, "displayName", "Bob Builder"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
        post("/api/v1/admin/members/" + bobId + "/verify", "root", null)
                .expectStatus()
                .isOk();
        String cycleId = post("/api/v1/admin/cycles", "root", Map.of())
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("cycleId")
                .toString();
        await().atMost(PAID_WITHIN).untilAsserted(() -> http.get()
                .uri("/api/v1/admin/cycles/" + cycleId + "/progress")
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .exchange()
                .expectBody()
                .jsonPath("$.chunksPending")
                .isEqualTo(0));
    }

    @AfterEach
    void closeBrowsers() throws Exception {
        for (ChromiumBrowser browser : new ChromiumBrowser[] {alice, bob}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void a_member_opens_a_channel_in_the_browser_pays_per_click_and_the_payee_settles_and_closes_it() throws Exception {
        String base = "http://127.0.0.1:" + port;
        alice = ChromiumBrowser.open(base);
        logIn(alice, "alice" + run);
        awaitBalance(alice, "100.00 PXC");

        // a channel of 50 units of 0.10: the browser hashes the chain and sends only its root
        alice.go("/channels");
        assertThat(alice.text("no-channels")).isEqualTo("No channels yet.");
        alice.snap("c01-channels-empty");
        alice.type("payee", "bob" + run)
                .type("unit", "0.10")
                .type("units", "50")
                .submit("payee");
        assertThat(alice.path()).startsWith("/channels/pc_");
        String channelId = alice.path().substring("/channels/".length());
        assertThat(alice.textOf(".flash-success")).isEqualTo("Channel opened: 5.00 PXC locked for Bob Builder.");
        assertThat(alice.text("deposit")).isEqualTo("5.00 PXC");
        assertThat(alice.text("accepted-amount")).isEqualTo("0.00 PXC");
        assertThat(alice.text("channel-status")).isEqualTo("OPEN");
        Object seedKept =
                alice.runAsync("arguments[1](localStorage.getItem('pox.channel.' + arguments[0]));", channelId);
        assertThat(seedKept).asString().contains("\"seed\":\"").contains("\"n\":50");
        alice.awaitText("pay-status", "Ready: 50 unit(s) left to pay.", false);

        // one unit per click, then five at once; every receipt's signature checked by the browser
        for (int paid = 1; paid <= 3; paid++) {
            alice.click("pay-one").awaitText("pay-status", "receipt for index " + paid + ",", false);
        }
        alice.type("pay-count", "5").click("pay-n").awaitText("pay-status", "receipt for index 8,", false);
        assertThat(alice.text("accepted-index")).isEqualTo("8");
        assertThat(alice.text("accepted-amount")).isEqualTo("0.80 PXC");
        assertThat(alice.text("unsettled-amount")).isEqualTo("0.80 PXC");
        assertThat(alice.text("settled-amount")).isEqualTo("0.00 PXC");
        alice.awaitText("signature-check", "Your browser verified 4 broker signature(s) itself", false);
        assertThat(alice.textOf("#receipts tbody tr")).startsWith("8 0.80 PXC").endsWith("✓ signed by the broker");
        alice.snap("c02-channel-paid");

        // the same payword again, as a replaying client would send it: refused, nothing recorded
        Object replay = alice.runAsync("""
                var done = arguments[arguments.length - 1];
                var panel = document.getElementById('pay-panel');
                var headers = {'Content-Type': 'application/json'};
                headers[panel.getAttribute('data-csrf-header')] = panel.getAttribute('data-csrf');
                fetch(panel.getAttribute('data-pay-url'), {method: 'POST', headers: headers,
                    body: JSON.stringify({channelId: arguments[0], index: 8, payword: '00'.repeat(32)})})
                  .then(function (r) { return r.json().then(function (b) { done(r.status + ' ' + b.code); }); });
                """, channelId);
        assertThat(replay).isEqualTo("409 PAYWORD_REPLAYED");
        Object forged = alice.runAsync("""
                var done = arguments[arguments.length - 1];
                var panel = document.getElementById('pay-panel');
                var headers = {'Content-Type': 'application/json'};
                headers[panel.getAttribute('data-csrf-header')] = panel.getAttribute('data-csrf');
                fetch(panel.getAttribute('data-pay-url'), {method: 'POST', headers: headers,
                    body: JSON.stringify({channelId: arguments[0], index: 9, payword: '00'.repeat(32)})})
                  .then(function (r) { return r.json().then(function (b) { done(r.status + ' ' + b.code); }); });
                """, channelId);
        assertThat(forged).isEqualTo("409 PAYWORD_INVALID");
        Object withoutCsrf = alice.runAsync("""
                var done = arguments[arguments.length - 1];
                fetch(document.getElementById('pay-panel').getAttribute('data-pay-url'), {method: 'POST',
                    headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({channelId: arguments[0], index: 9, payword: '00'.repeat(32)})})
                  .then(function (r) { done(r.status); });
                """, channelId);
        assertThat(withoutCsrf).isEqualTo(403L);
        awaitBalance(alice, "95.00 PXC");

        // Bob sees what he is owed and settles it in one redeem
        bob = ChromiumBrowser.open(base);
        logIn(bob, "bob" + run);
        awaitBalance(bob, "0.00 PXC");
        bob.go("/channels");
        assertThat(bob.textOf("#channels tbody tr"))
                .contains(channelId)
                .contains("0.80 PXC")
                .contains("OPEN");
        bob.go("/channels/" + channelId);
        assertThat(bob.has("pay-panel")).as("only the payer's browser pays").isFalse();
        assertThat(bob.text("accepted-amount")).isEqualTo("0.80 PXC");
        assertThat(bob.text("unsettled-amount")).isEqualTo("0.80 PXC");
        bob.awaitText("signature-check", "Your browser verified 1 broker signature(s) itself", false);
        bob.snap("c03-payee-before-settling");
        bob.clickAndWait(By.id("settle"));
        assertThat(bob.textOf(".flash-success")).isEqualTo("Settled on the ledger: 0.80 PXC redeemed in all.");
        assertThat(bob.text("settled-amount")).isEqualTo("0.80 PXC");
        assertThat(bob.text("unsettled-amount")).isEqualTo("0.00 PXC");
        awaitBalance(bob, "0.80 PXC");

        // Alice pays on from her browser; Bob closes: the rest is redeemed, the unpaid deposit goes back to Alice
        alice.go("/channels/" + channelId);
        assertThat(alice.text("settled-amount")).isEqualTo("0.80 PXC");
        alice.awaitText("pay-status", "Ready: 42 unit(s) left to pay.", false);
        alice.type("pay-count", "2").click("pay-n").awaitText("pay-status", "receipt for index 10,", false);
        assertThat(alice.text("unsettled-amount")).isEqualTo("0.20 PXC");

        bob.go("/channels/" + channelId).clickAndWait(By.id("close"));
        assertThat(bob.textOf(".flash-success"))
                .isEqualTo("Channel closed: 1.00 PXC paid, 4.00 PXC back to the payer.");
        assertThat(bob.text("channel-status")).isEqualTo("CLOSED");
        assertThat(bob.text("settled-amount")).isEqualTo("1.00 PXC");
        assertThat(bob.text("refunded")).isEqualTo("4.00 PXC");
        assertThat(bob.text("locked")).isEqualTo("0.00 PXC");
        bob.snap("c04-channel-closed");
        awaitBalance(bob, "1.00 PXC");

        alice.go("/channels/" + channelId);
        assertThat(alice.text("channel-status")).isEqualTo("CLOSED");
        assertThat(alice.has("pay-panel")).isFalse();
        alice.awaitText("signature-check", "Your browser verified 5 broker signature(s) itself", false);
        List<String> indices = alice.texts("#receipts tbody tr td:first-child");
        assertThat(indices).as("the receipts this browser was given").containsExactly("10", "8", "3", "2", "1");
        awaitBalance(alice, "99.00 PXC");
        alice.go("/channels");
        assertThat(alice.textOf("#channels tbody tr"))
                .contains(channelId)
                .contains("1.00 PXC")
                .contains("CLOSED");
        alice.snap("c05-channels-list");
    }

    private static void logIn(ChromiumBrowser browser, String username) {
        browser.go("/login")
                .type("username", username)
                .type("password", PASSWORD)
                .submit("username");
    }

    /** The dashboard's balance, awaited: on Fabric the ledger's answer may trail the page by a block. */
    private static void awaitBalance(ChromiumBrowser browser, String expected) {
        browser.go("/").awaitText("balance", expected, true);
        assertThat(browser.text("balance")).isEqualTo(expected);
    }

    private RestTestClient.ResponseSpec post(String uri, String user, Object body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return body == null ? request.exchange() : request.body(body).exchange();
    }
}
