package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The portal's pictures in a real browser (headless Debian Chromium) against the whole server: the admin's policy
 * preview charts the level distribution and the open cycle's cost under the policy in force and under the draft, and
 * a member's referral tree opens and closes branch by branch, loading them a page at a time, with its counts per
 * depth. Both pages keep the portal's strict Content-Security-Policy: the browser's console reports no violation.
 *
 * <p>The tree loads one recommendee per page here ({@code pox.portal.tree-page-size=1}) so that a tree of four members
 * shows the "more" step a real tree of thousands needs; the property also gives this class a context, hence a ledger,
 * of its own.
 */
@PoxSpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pox.portal.tree-page-size=1")
class PortalChartsIT {

    private static final String PASSWORD = "correct horse battery";

    /** What a chart shows: its datasets' labels and values, and each bar's height in pixels. */
    private static final String CHART = """
            const chart = Chart.getChart(arguments[0]);
            return {
                labels: chart.data.labels,
                series: chart.data.datasets.map(d => d.label),
                values: chart.data.datasets.map(d => d.data),
                heights: chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).data.map(bar => bar.base - bar.y)),
                width: chart.canvas.width
            };
            """;

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver neo4j;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private RestTestClient http;
    private ChromiumBrowser admin;
    private ChromiumBrowser alice;

    @BeforeAll
    static void chromiumIsInstalled() {
        ChromiumBrowser.requireInstalled();
    }

    @BeforeEach
    void treeAndDraft() {
        Neo4jTestServer.deleteAllData(neo4j);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        // alice -> bob, carol; bob -> dave (bob verified first, so that he earns for dave)
        genesis("alice" + run, "Alice");
        String bob = invited("alice" + run, "bob" + run, "Bob");
        invited("alice" + run, "carol" + run, "Carol");
        send("POST", "/api/v1/admin/members/" + bob + "/verify", null);
        invited("bob" + run, "dave" + run, "Dave");
        // the draft doubles the base reward and adds a level 2 for one direct recommendee and a score of 1.0: alice
        // (2 direct, score 2.5) and bob (1 direct, score 1.0) move up; carol and dave stay at level 1
        send(
                "PUT",
                "/api/v1/admin/policy/draft",
                Map.of(
                        "maxDepth",
                        3,
                        "levelWeightBps",
                        List.of(10000, 5000, 2500),
                        "payoutShareBps",
                        List.of(10000, 2000, 500),
                        "baseRewardUnits",
                        20000,
                        "tiers",
                        List.of(
                                Map.of("level", 1, "minScoreBps", 0, "minDirect", 0, "rateBps", 10000),
                                Map.of("level", 2, "minScoreBps", 10000, "minDirect", 1, "rateBps", 12500))));
    }

    @AfterEach
    void closeBrowsers() throws Exception {
        for (ChromiumBrowser browser : new ChromiumBrowser[] {admin, alice}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void the_policy_preview_charts_both_policies_and_the_referral_tree_opens_and_closes_with_counts_per_depth()
            throws Exception {
        String base = "http://127.0.0.1:" + port;

        // the policy preview: members per level and the open cycle's cost, v1 against the draft
        admin = ChromiumBrowser.open(base);
        logIn(admin, "root");
        admin.go("/admin/policy/preview");
        WebElement levels = admin.await(By.cssSelector("#levels-chart[height]"));
        Map<?, ?> levelChart = (Map<?, ?>) admin.script(CHART, levels);
        assertThat(levelChart.get("labels")).isEqualTo(List.of("Level 1", "Level 2", "Level 3", "Level 4", "Level 5"));
        assertThat(levelChart.get("series")).isEqualTo(List.of("Now (v1)", "Draft"));
        assertThat(levelChart.get("values"))
                .isEqualTo(List.of(List.of(4L, 0L, 0L, 0L, 0L), List.of(2L, 2L, 0L, 0L, 0L)));
        List<List<Number>> levelBars = heights(levelChart);
        assertThat(levelBars.get(0).get(0).doubleValue())
                .as("4 members now at level 1")
                .isPositive();
        assertThat(levelBars.get(1).get(0).doubleValue())
                .as("the draft's 2 at level 1: half the bar")
                .isCloseTo(levelBars.get(0).get(0).doubleValue() / 2, within(1.0));
        assertThat(levelBars.get(1).get(1).doubleValue())
                .isCloseTo(levelBars.get(1).get(0).doubleValue(), within(1.0));
        assertThat(admin.textOf("#levels-table tbody tr:nth-child(2)")).isEqualTo("2 0 2");

        // 10000 x (2 x 1.0 + 1 x 0.2) + 10000 x 1.0 = 32000 now; the draft at twice the base and rate 1.25 for both
        Map<?, ?> costChart = (Map<?, ?>) admin.script(CHART, admin.await(By.cssSelector("#cost-chart[height]")));
        assertThat(costChart.get("series")).isEqualTo(List.of("Now (v1)", "Draft"));
        assertThat(costChart.get("values")).isEqualTo(List.of(List.of(320L), List.of(800L)));
        List<List<Number>> costBars = heights(costChart);
        assertThat(costBars.get(1).get(0).doubleValue() / costBars.get(0).get(0).doubleValue())
                .isCloseTo(800.0 / 320, within(0.05));
        assertThat(admin.text("draft-cost")).isEqualTo("800.00 PXC to 2 members");
        admin.snap("charts-01-policy-preview");
        assertThat(admin.consoleErrors()).isEmpty();
        // and that look would see a violation: an inline script added now is refused, and the console says so
        admin.script("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true';"
                + " document.head.append(s);");
        assertThat(admin.script("return window.inlineRan === true;")).isEqualTo(false);
        assertThat(admin.consoleErrors()).anySatisfy(error -> assertThat(error)
                .contains(
                        "inline script violates the following Content Security Policy directive 'script-src 'self''"));

        // alice's tree: opened at her own level, one recommendee per page
        alice = ChromiumBrowser.open(base);
        logIn(alice, "alice" + run);
        alice.go("/referrals");
        By bob = node("Bob");
        By carol = node("Carol");
        By dave = node("Dave");
        By more = By.cssSelector("#tree-svg g.tree-more");
        alice.await(bob);
        assertThat(depthLabels(alice))
                .containsExactly("You", "Depth 1 · 2 members", "Depth 2 · 1 member", "Depth 3 · 0 members");
        assertThat(alice.await(By.cssSelector("#tree-svg g.tree-node[data-depth='0']"))
                        .getDomAttribute("aria-expanded"))
                .isEqualTo("true");
        assertThat(alice.text("tree-status")).isEqualTo("Your recommendees: 1 of 2 shown.");
        assertThat(alice.has("tree-svg")).isTrue();
        assertThat(alice.await(more).getDomAttribute("aria-label")).isEqualTo("Show 1 more of your recommendees");

        // the next page of her recommendees, on demand
        alice.await(more).click();
        alice.await(carol);
        alice.awaitGone(more);
        assertThat(alice.text("tree-status")).isEqualTo("Your recommendees: 2 of 2 shown.");
        assertThat(alice.await(carol).getDomAttribute("role"))
                .as("nobody below carol")
                .isNull();

        // bob's branch opens (loaded now) and closes, by mouse and by keyboard
        assertThat(alice.await(bob).getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(alice.count(dave)).as("not loaded before bob is opened").isZero();
        alice.await(bob).click();
        alice.await(dave);
        alice.awaitAttribute(bob, "aria-expanded", "true");
        assertThat(alice.text("tree-status")).isEqualTo("Bob's recommendees: 1 of 1 shown.");
        assertThat(alice.await(dave).getDomAttribute("data-depth")).isEqualTo("2");
        alice.snap("charts-02-referral-tree");
        alice.await(bob).sendKeys(Keys.ENTER);
        alice.awaitGone(dave);
        alice.awaitAttribute(bob, "aria-expanded", "false");
        assertThat(alice.text("tree-status")).isEqualTo("Bob's branch is closed.");
        alice.await(bob).click();
        alice.await(dave);

        // the text alternative says the same
        assertThat(alice.textOf("#tree-depth-counts tbody")).isEqualTo("1 2\n2 1\n3 0");
        assertThat(alice.text("referral-tree"))
                .contains("Bob")
                .contains("Carol")
                .contains("Dave");
        assertThat(alice.consoleErrors()).isEmpty();
    }

    private static By node(String name) {
        return By.xpath("//*[@id='tree-svg']//*[local-name()='g'][contains(@class,'tree-node')]"
                + "[*[local-name()='text']/*[local-name()='tspan'][@class='tree-name'][text()='" + name + "']]");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Number>> heights(Map<?, ?> chart) {
        assertThat(((Number) chart.get("width")).intValue()).isPositive();
        return (List<List<Number>>) chart.get("heights");
    }

    private static List<String> depthLabels(ChromiumBrowser browser) {
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#tree-svg .tree-depth-label'), t => t.textContent);");
        return labels;
    }

    private static void logIn(ChromiumBrowser browser, String username) {
        browser.go("/login")
                .type("username", username)
                .type("password", PASSWORD)
                .submit("username");
    }

    private void genesis(String username, String name) {
        send(
                "POST",
                "/api/v1/admin/members/genesis",
                Map.of(
                        "network", "wechat",
                        "handle", username,
                        "displayName", name,
                        "username", username,
                        "password", PASSWORD));
    }

    private String invited(String inviter, String username, String name) {
        String code = http.post()
                .uri("/api/v1/me/invitations")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth(inviter, PASSWORD))
                .body(Map.of("network", "x", "handle", username))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("code")
                .toString();
        return http.post()
                .uri("/api/v1/invitations/" + code + "/accept")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", PASSWORD, "displayName", name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
    }

    /** An admin call that must succeed. */
    private void send(String method, String uri, Object body) {
        var request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth("root", PASSWORD));
        (body == null ? request.exchange() : request.body(body).exchange())
                .expectStatus()
                .is2xxSuccessful();
    }
}
