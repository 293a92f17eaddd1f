package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

/**
 * The portal in a real browser (headless Debian Chromium), against the real server on a random port of 127.0.0.1 with
 * a real Neo4j and the embedded ledger: first admin → genesis member → invitation → registration in a fresh session →
 * verification → reward cycle → reward with its Merkle proof → a refused and a committed transfer.
 *
 * <p>The extra property gives this class an application context of its own, hence a fresh in-memory ledger: reward
 * cycle ids and amounts then do not depend on which tests ran before in the same JVM.
 */
@PoxSpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pox.test.context=portal-journey")
class PortalJourneyIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Path SCREENSHOT = Path.of("target", "portal-dashboard.png");

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver neo4j;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private ChromiumBrowser admin;
    private ChromiumBrowser alice;
    private ChromiumBrowser bob;

    @BeforeAll
    static void chromiumIsInstalled() {
        ChromiumBrowser.requireInstalled();
    }

    @BeforeEach
    void cleanGraph() {
        Neo4jTestServer.deleteAllData(neo4j);
    }

    @AfterEach
    void closeBrowsers() throws Exception {
        for (ChromiumBrowser browser : new ChromiumBrowser[] {admin, alice, bob}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void a_member_invites_an_acquaintance_earns_the_reward_verifies_it_and_pays_the_newcomer() throws Exception {
        String base = "http://127.0.0.1:" + port;

        // the first admin, with the one-time token the server prints at its first start
        String token = setup.issueTokenIfNoAdmin().orElseThrow();
        admin = ChromiumBrowser.open(base);
        admin.go("/setup")
                .type("token", "not-the-token")
                .type("username", "root")
                .type("password", PASSWORD)
                .submit("token");
        admin.snap("01-setup-error");
        assertThat(admin.text("token-error"))
                .isEqualTo("The setup token is not valid; use the one printed in the" + " server log at start-up.");
        admin.type("token", token).type("password", PASSWORD).submit("token");
        assertThat(admin.path()).isEqualTo("/login");
        assertThat(admin.textOf(".flash-success")).isEqualTo("Admin root created. Log in to continue.");
        admin.snap("02-login");
        logIn(admin, "root");
        assertThat(admin.path()).startsWith("/admin/members");
        admin.go("/setup");
        assertThat(admin.text("setup-done")).contains("Setup is complete");
        admin.go("/admin/members/genesis").snap("03-genesis-form");

        // a genesis member with a log-in
        admin.go("/admin/members/genesis")
                .type("displayName", "Alice Example")
                .choose("network", "email")
                .type("handle", "Alice." + run + "@Example.org")
                .type("username", "alice" + run)
                .type("password", PASSWORD)
                .submit("displayName");
        assertThat(admin.textOf(".flash-success"))
                .startsWith("Genesis member Alice Example (m_")
                .endsWith("created, VERIFIED, with the log-in alice" + run + ".");

        // Alice logs in and invites Bob
        alice = ChromiumBrowser.open(base);
        logIn(alice, "alice" + run);
        assertThat(alice.path()).isEqualTo("/");
        assertThat(alice.textOf("h1")).isEqualTo("Hello, Alice Example");
        assertThat(alice.text("member-status")).isEqualTo("VERIFIED");
        assertThat(alice.text("balance")).isEqualTo("0.00 PXC");
        alice.go("/invitations")
                .choose("network", "wechat")
                .type("handle", "Bob_" + run)
                .submit("handle");
        String code = alice.text("invitation-code");
        alice.snap("04-invitation-created");
        assertThat(alice.text("invitation-link")).endsWith("/invite/" + code);
        assertThat(alice.textOf("#invitations tbody tr"))
                .contains("wechat:bob_" + run)
                .contains("OPEN");

        // Bob opens the link in a browser of his own and registers
        bob = ChromiumBrowser.open(base);
        bob.go("/invite/" + code);
        assertThat(bob.text("inviter")).isEqualTo("Alice Example");
        bob.snap("05-invitation-page");
        bob.type("displayName", "Bob Builder")
                .type("username", "bob" + run)
                .type("password", PASSWORD)
                .submit("displayName");
        assertThat(bob.path()).isEqualTo("/");
        assertThat(bob.textOf(".flash-success")).startsWith("Welcome, Bob Builder!");
        assertThat(bob.textOf("h1")).isEqualTo("Hello, Bob Builder");
        assertThat(bob.text("member-status")).isEqualTo("ACTIVE");
        bob.go("/invite/" + code);
        assertThat(bob.text("invitation-problem")).contains("has been accepted already");
        bob.snap("06-invitation-used");

        // Alice's tree and score grew: one direct recommendee = score 1.00
        alice.go("/");
        assertThat(alice.text("score")).isEqualTo("1.00");
        assertThat(alice.text("next-level"))
                .contains("3.00")
                .contains("(2.00 more)")
                .contains("(1 more)");
        alice.go("/referrals");
        assertThat(alice.text("referral-tree")).contains("Bob Builder").contains("ACTIVE");
        alice.snap("07-referral-tree");

        // the admin verifies Bob, then closes the reward cycle and pays it
        admin.go("/admin/members").snap("08-admin-members");
        admin.pressInRow("Bob Builder", "Verify");
        assertThat(admin.textOf(".flash-success")).startsWith("Bob Builder (m_").endsWith("verified: now VERIFIED.");
        admin.go("/admin/cycles").clickAndWait(By.id("close-cycle"));
        assertThat(admin.path()).isEqualTo("/admin/cycles/cycle-000001");
        admin.awaitText("cycle-state", "COMPLETE", true);
        assertThat(admin.text("amount-paid")).isEqualTo("100.00 PXC");
        admin.snap("09-cycle-complete");
        admin.go("/admin/cycles").snap("10-admin-cycles");

        // Alice sees the reward and checks its Merkle proof; her browser recomputes the root itself
        alice.go("/");
        assertThat(alice.text("balance")).isEqualTo("100.00 PXC");
        assertThat(alice.textOf("#rewards tbody tr"))
                .contains("cycle-000001")
                .contains("100.00 PXC")
                .contains("PAID");
        alice.clickAndWait(By.linkText("Verify"));
        assertThat(alice.text("verdict")).isEqualTo("✓ Verified: the proof leads to the on-chain root.");
        alice.awaitText("browser-check", "it matches the ledger", false);
        assertThat(alice.text("proof-root")).isEqualTo(alice.text("chain-root"));
        alice.snap("11-proof");
        alice.go("/rewards/cycle-000001").snap("12-reward-explained");

        // a transfer beyond the balance is refused next to the amount and moves nothing
        alice.go("/transfer").type("payee", "bob" + run).type("amount", "1000").submit("payee");
        assertThat(alice.text("amount-error"))
                .isEqualTo("Your balance is 100.00 PXC, less than the 1000.00 PXC to pay.");
        assertThat(alice.value("#payee")).isEqualTo("bob" + run);
        alice.snap("13-transfer-refused");
        assertThat(alice.text("balance")).isEqualTo("100.00 PXC");
        bob.go("/");
        assertThat(bob.text("balance")).isEqualTo("0.00 PXC");

        // a transfer in the display unit; the same form sent twice pays once
        alice.go("/transfer");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", alice.value("input[name=_csrf]"));
        form.put("idempotencyKey", alice.value("input[name=idempotencyKey]"));
        form.put("payee", "bob" + run);
        form.put("amount", "25.50");
        form.put("memo", "welcome");
        alice.type("payee", form.get("payee"))
                .type("amount", form.get("amount"))
                .type("memo", form.get("memo"))
                .submit("payee");
        assertThat(alice.textOf(".flash-success")).isEqualTo("Paid 25.50 PXC to Bob Builder.");
        assertThat(alice.text("balance")).isEqualTo("74.50 PXC");
        assertThat(resubmit(base, alice, form)).isEqualTo(302);
        alice.go("/");
        assertThat(alice.textOf(".flash-success"))
                .isEqualTo("This transfer was made already (25.50 PXC to Bob Builder); nothing was paid twice.");
        assertThat(alice.text("balance")).isEqualTo("74.50 PXC");
        assertThat(alice.textOf("#transfers tbody tr"))
                .contains("to Bob Builder")
                .contains("welcome")
                .contains("−25.50 PXC");
        alice.screenshot(SCREENSHOT);

        bob.go("/");
        assertThat(bob.text("balance")).isEqualTo("25.50 PXC");
        bob.snap("17-newcomer-dashboard").snapNarrow("18-newcomer-dashboard-phone");
        assertThat(bob.textOf("#transfers tbody tr"))
                .contains("from Alice Example")
                .contains("+25.50 PXC");

        // the graph and the ledger agree on all of it
        admin.go("/admin/audit");
        assertThat(admin.text("projection-ledger-block")).matches("\\d+");
        assertThat(admin.text("projection-lag")).matches("\\d+ blocks");
        admin.clickAndWait(By.id("run-audit"));
        assertThat(admin.text("audit-verdict")).isEqualTo("✓ Graph and ledger agree.");
        admin.snap("14-audit");
        admin.go("/admin/policy").snap("15-policy");

        // the admin raises the base reward: draft → preview → publish
        admin.go("/admin/policy").type("baseRewardUnits", "20000").submit("baseRewardUnits");
        assertThat(admin.path()).isEqualTo("/admin/policy/preview");
        assertThat(admin.text("draft-cost")).isEqualTo("0.00 PXC to 0 members");
        admin.snap("16-policy-preview");
        admin.clickAndWait(By.xpath("//button[starts-with(normalize-space(), 'Publish as version 2')]"));
        assertThat(admin.textOf(".flash-success")).startsWith("Policy version 2 published on-chain");
        assertThat(admin.text("current-version")).isEqualTo("2");

        // log out ends the session
        alice.clickAndWait(By.xpath("//button[normalize-space()='Log out']"));
        assertThat(alice.path()).isEqualTo("/login?logout");
        alice.go("/");
        assertThat(alice.path()).isEqualTo("/login");
    }

    private static void logIn(ChromiumBrowser browser, String username) {
        browser.go("/login")
                .type("username", username)
                .type("password", PASSWORD)
                .submit("username");
    }

    /** Sends the form again exactly as the browser did (same session, CSRF token and transfer key). */
    private static int resubmit(String base, ChromiumBrowser browser, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/transfer"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID").getValue())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
