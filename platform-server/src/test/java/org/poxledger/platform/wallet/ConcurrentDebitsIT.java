package org.poxledger.platform.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.poxledger.platform.testrig.PoxRig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Many debits of one payer at the same moment, through the API. On Fabric they race for the payer's balance key and
 * all but one per block fail validation with a read conflict; the server endorses those again, so every client gets
 * the true answer (committed, or INSUFFICIENT_FUNDS once the money is gone), never a 5xx, and nothing is overdrawn.
 * Its own context (the property below), hence its own fresh ledger, so the supply is exactly what this test minted.
 */
@PoxSpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pox.test.context=concurrent-debits")
class ConcurrentDebitsIT {

    private static final String PASSWORD = "correct horse battery";
    private static final int DEBITS = 32;
    private static final long FUNDS = 2_000;
    private static final long AMOUNT = 100;

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    @Autowired
    LedgerConnection ledger;

    private RestTestClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void admin() {
        Neo4jTestServer.deleteAllData(driver);
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        setup.issueTokenIfNoAdmin().ifPresent(token -> setup.createFirstAdmin(token, "root", PASSWORD));
    }

    @Test
    void thirty_two_concurrent_debits_of_one_payer_give_no_server_error_and_never_overdraw() throws Exception {
        String payer = genesis("payer" + run);
        List<String> payees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            payees.add(genesis("payee" + i + run));
        }
        fund(payer, FUNDS);

        List<Callable<Integer>> debits = new ArrayList<>();
        for (int i = 0; i < DEBITS; i++) {
            String body = "{\"toMemberId\":\"%s\",\"amount\":%d}".formatted(payees.get(i % payees.size()), AMOUNT);
            String key = "debit-" + run + "-" + i;
            debits.add(() -> transfer("payer" + run, key, body));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(DEBITS)) {
            for (Future<Integer> status : clients.invokeAll(debits, 3, TimeUnit.MINUTES)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).as("no server error, whatever the ledger").allSatisfy(status -> assertThat(status)
                .isLessThan(500));
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(FUNDS / AMOUNT);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(DEBITS - FUNDS / AMOUNT);
        long payerBalance = balance(payer);
        long payeesBalance = payees.stream().mapToLong(this::balance).sum();
        assertThat(payerBalance).isZero();
        assertThat(payerBalance + payeesBalance).as("Σ balances = supply").isEqualTo(supply());
        assertThat(supply()).isEqualTo(FUNDS);
    }

    /** As an API client would call it: its own connection, Basic credentials, JSON. */
    private int transfer(String username, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/me/wallet/transfers"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Mints into the payer with a reward chunk of a cycle of its own, as any operator client could. */
    private void fund(String memberId, long amount) {
        String chunk = """
                {"chunkIndex":0,"chunkStarts":[""],"cycleEnd":2,"cycleId":"fund-%s","cycleStart":1,"entries":[{"amount":%d,"events":1,"level":1,\
                "memberId":"%s","rateBps":10000,"scoreBps":10000}],"entryCount":1,"merkleRoot":"%s",\
                "policyVersion":1}""".formatted(run, amount, memberId, PoxRig.accountHash("fund-" + run));
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
    }

    private long balance(String memberId) {
        return new MoneyLedger(new LedgerClient(ledger)).balance(memberId);
    }

    private long supply() {
        return new MoneyLedger(new LedgerClient(ledger)).totalSupply();
    }

    private String genesis(String username) {
        return http.post()
                .uri("/api/v1/admin/members/genesis")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .body(Map.of(
                        "network", "wechat",
                        "handle", username,
                        "displayName", username,
                        "username", username,
                        "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("memberId")
                .toString();
    }
}
