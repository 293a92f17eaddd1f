package org.poxledger.platform.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.poxledger.platform.reliability.ApiClient.expect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.poxledger.contract.model.RewardStatus;
import org.poxledger.ledger.fabric.FabricLedgerConnection;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.ReceiptVerifier;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.payment.OpenChannelRequest;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.TestLedger;
import tools.jackson.databind.JsonNode;

/**
 * Crashes on the real network (issue 10, fault tests): the packaged server in its own process, on a fresh channel of
 * the local Fabric network and a Neo4j of its own, is killed with SIGKILL in the middle of a stream of transfers; the
 * chaincode service is killed with SIGKILL in the middle of a reward cycle; the server is killed in the middle of a
 * stream of micropayments, before they are redeemed; Neo4j is replaced by an empty database and the graph rebuilt
 * from block 0, as {@code make rebuild-graph} does. After each, the audit finds no difference.
 *
 * <p>Fabric only: on the embedded ledger the chaincode runs inside the server, and there is no chaincode service or
 * second writer to the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    private static final String ADMIN = "crashadmin";
    private static final String PASSWORD = "crash recovery " + UUID.randomUUID();
    private static final int PAYERS_KILLED_AFTER_ACKS = 40;
    private static final int PAYMENTS_KILLED_AFTER_RECEIPTS = 300;
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Path work;
    private Neo4j neo4j;
    private Driver graph;
    private FabricLedgerConnection connection;
    private LedgerClient ledger;
    private Map<String, String> environment;
    private List<String> arguments;
    private ServerProcess server;
    private ApiClient api;
    private String admin;

    private String genesis;
    private final List<String> firstLevel = new ArrayList<>();
    private final List<String> secondLevel = new ArrayList<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> usernames = new ConcurrentHashMap<>();

    @BeforeAll
    void serverOnAFreshChannel() throws Exception {
        assumeTrue(TestLedger.onFabric(), "the crash tests kill processes of the real network: Fabric run only");
        work = Files.createTempDirectory("pox-crash-it");
        neo4j = Neo4jTestServer.startPrivate();
        graph = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        String channel = TestLedger.freshChannel();
        connection = TestLedger.connect(channel);
        ledger = new LedgerClient(connection);

        int port = freePort();
        environment = new HashMap<>(TestLedger.fabricVariables());
        environment.put("POX_FABRIC_CHANNEL", channel);
        environment.put("POX_LEDGER_MODE", "fabric");
        environment.put("POX_PORT", Integer.toString(port));
        environment.put("POX_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        environment.put("POX_ACCOUNT_HASH_SECRET", secret());
        environment.put("POX_API_TOKEN_SECRET", secret());
        environment.put("POX_BROKER_KEY_FILE", work.resolve("broker.key").toString());
        environment.put("POX_ADMIN_USERNAME", ADMIN);
        environment.put("POX_ADMIN_PASSWORD", PASSWORD);
        arguments = List.of(
                // one entry per chunk, one chunk at a time: a cycle of a few members is many transactions, so a kill
                // lands mid-cycle (a kill among parallel chunks: RewardCycleIT)
                "--pox.rewards.chunk-size=1",
                "--pox.rewards.parallel-chunks=1",
                "--pox.rewards.resume-interval=PT2S",
                "--pox.rewards.retry-backoff=PT0.2S",
                "--logging.level.org.poxledger=INFO");
        server = new ServerProcess(withNeo4j(environment), arguments, work.resolve("server.log"));
        server.start();
        api = new ApiClient("http://127.0.0.1:" + port);
        admin = adminToken();

        genesis = genesisMember("g" + run);
        for (int i = 0; i < 4; i++) {
            String member = invite(genesis, "a" + i + run);
            verify(member);
            firstLevel.add(member);
        }
        for (String recommender : firstLevel) {
            for (int i = 0; i < 2; i++) {
                secondLevel.add(invite(recommender, "b" + secondLevel.size() + run));
            }
        }
    }

    @AfterAll
    void stopWhatWasStarted() throws Exception {
        if (server != null) {
            server.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (graph != null) {
            graph.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    @Order(1)
    void a_kill_9_between_ledger_commits_and_graph_writes_is_healed_from_the_checkpoint() throws Exception {
        String cycle = closeCycleAndAwaitPaid();
        List<String> payers = new ArrayList<>(List.of(genesis));
        payers.addAll(firstLevel);
        payers.removeIf(member -> ledger.getBalance(member).balance() < 1_000);
        assertThat(payers).as("members the first cycle %s paid", cycle).isNotEmpty();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, String> unanswered = new ConcurrentHashMap<>();
        CountDownLatch enoughAcks = new CountDownLatch(PAYERS_KILLED_AFTER_ACKS);
        AtomicBoolean killed = new AtomicBoolean();
        List<Future<?>> streams = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(payers.size())) {
            for (String payer : payers) {
                String token = tokens.get(payer);
                streams.add(clients.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String key = "crash-" + payer + "-" + i;
                        String payee = secondLevel.get(i % secondLevel.size());
                        try {
                            ApiClient.Answer answer = api.post(
                                    "/api/v1/me/wallet/transfers",
                                    Map.of("toMemberId", payee, "amount", 1),
                                    token,
                                    key);
                            expect(answer, 201, "transfer " + key);
                            acknowledged.add(key);
                            enoughAcks.countDown();
                        } catch (IOException e) {
                            // the server died with this request in flight: it may or may not have committed
                            unanswered.put(key, payee);
                            return null;
                        }
                    }
                    return null;
                }));
            }
            assertThat(enoughAcks.await(3, TimeUnit.MINUTES))
                    .as("%d transfers acknowledged before the kill", PAYERS_KILLED_AFTER_ACKS)
                    .isTrue();
            killed.set(true);
            server.kill();
            for (Future<?> stream : streams) {
                stream.get(2, TimeUnit.MINUTES);
            }
        }

        // committed while the server is dead: the graph write after them can only come from the listener
        List<String> direct = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String transferId = "direct-" + run + "-" + i;
            ledger.transfer(transferId, genesis, secondLevel.get(i), 1, "committed while the server was down");
            direct.add(transferId);
        }
        long notProjectedAtRestart =
                acknowledged.stream().filter(id -> transfersInGraph(id) == 0).count() + direct.size();
        assertThat(direct).allSatisfy(id -> assertThat(transfersInGraph(id)).isZero());

        server.start();
        admin = adminToken();
        awaitCondition("the graph holds every transfer committed before the restart", () -> direct.stream()
                .allMatch(id -> transfersInGraph(id) == 1));
        for (Map.Entry<String, String> retry : unanswered.entrySet()) {
            String payer =
                    retry.getKey().substring("crash-".length(), retry.getKey().lastIndexOf('-'));
            ApiClient.Answer answer = api.post(
                    "/api/v1/me/wallet/transfers",
                    Map.of("toMemberId", retry.getValue(), "amount", 1),
                    api.token(usernameOf(payer), PASSWORD),
                    retry.getKey());
            assertThat(answer.status())
                    .as("the retried transfer %s: %s", retry.getKey(), answer.body())
                    .isIn(200, 201);
        }

        List<String> all = new ArrayList<>(acknowledged);
        all.addAll(unanswered.keySet());
        all.addAll(direct);
        assertThat(all).allSatisfy(id -> {
            assertThat(ledger.getTransfer(id).transferId()).isEqualTo(id);
            assertThat(transfersInGraph(id)).as("transfer %s in the graph", id).isEqualTo(1);
        });
        assertSupplyConserved();
        assertAuditClean();
        System.out.printf(
                "crash between commit and graph write: %d acknowledged, %d in flight at the kill (retried), %d"
                        + " committed while down; %d not in the graph at the restart, all healed; audit 0%n",
                acknowledged.size(), unanswered.size(), direct.size(), notProjectedAtRestart);
        assertThat(server.output())
                .as("the restarted listener resumed from its stored checkpoint, not from block 0")
                .containsPattern("listener reading from block [1-9][0-9]* \\(checkpoint ProjectionCheckpoint\\[");
    }

    @Test
    @Order(2)
    void a_kill_9_of_the_chaincode_service_mid_cycle_leaves_a_cycle_that_completes_exactly_once() throws Exception {
        for (String member : secondLevel) {
            verify(member);
        }
        for (int i = 0; i < secondLevel.size(); i++) {
            invite(secondLevel.get(i), "c" + i + run);
        }
        long supplyBefore = ledger.getTotalSupply().totalSupply();

        JsonNode closed = expect(api.post("/api/v1/admin/cycles", Map.of(), admin), 201, "close the cycle");
        String cycle = closed.path("cycleId").asString();
        JsonNode progress = awaitProgress(
                cycle,
                p -> p.path("chunksPending").asInt() < p.path("chunksTotal").asInt());
        int chunksTotal = progress.path("chunksTotal").asInt();
        killChaincode();
        JsonNode atKill = progress(cycle);
        assertThat(atKill.path("chunksPending").asInt())
                .as("chunks still to pay when the chaincode died (cycle %s, %d chunks): %s", cycle, chunksTotal, atKill)
                .isPositive();
        ServerProcess.sleep(Duration.ofSeconds(3));
        restartNetworkComponents();

        JsonNode done =
                awaitProgress(cycle, p -> "COMPLETE".equals(p.path("state").asString()));
        assertThat(done.path("entriesPaid").asInt() + done.path("entriesHeld").asInt())
                .isEqualTo(done.path("entriesTotal").asInt());
        long paid = 0;
        for (JsonNode entry : entries(cycle)) {
            String member = entry.path("entry").path("memberId").asString();
            var onLedger = ledger.getRewardEntry(cycle, member);
            assertThat(onLedger.status()).as("entry of %s", member).isIn(RewardStatus.PAID, RewardStatus.HELD);
            paid += onLedger.status() == RewardStatus.PAID ? onLedger.amount() : 0;
        }
        assertThat(ledger.getTotalSupply().totalSupply() - supplyBefore)
                .as("minted by cycle %s: each entry once", cycle)
                .isEqualTo(paid)
                .isEqualTo(done.path("amountPaid").asLong());
        assertSupplyConserved();
        assertAuditClean();
        System.out.printf(
                "chaincode killed mid-cycle: %d of %d chunks pending at the kill; cycle complete, %d paid once%n",
                atKill.path("chunksPending").asInt(), chunksTotal, paid);
    }

    @Test
    @Order(4)
    void wiping_neo4j_and_rebuilding_from_block_0_restores_members_edges_counters_and_cycles() throws Exception {
        Map<String, Object> before = graphSnapshot();
        server.close();
        graph.close();
        neo4j.close();

        neo4j = Neo4jTestServer.startPrivate();
        graph = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        server = new ServerProcess(withNeo4j(environment), arguments, work.resolve("server.log"));
        int status = server.runToCompletion(
                List.of("--pox.rebuild-graph=true", "--spring.main.web-application-type=none"), Duration.ofMinutes(5));
        assertThat(status)
                .as("rebuild-graph exit status; log %s", work.resolve("server.log"))
                .isZero();
        assertThat(graphSnapshot()).isEqualTo(before);

        server.start();
        admin = adminToken();
        assertAuditClean();
    }

    @Test
    @Order(3)
    void a_kill_9_between_accepting_micropayments_and_redeeming_them_loses_no_receipt_and_pays_none_twice()
            throws Exception {
        // before the Neo4j wipe: log-ins are personal data, kept in the graph only
        String payer = genesis;
        String payee = firstLevel.getFirst();
        // the tokens of the set-up have expired by now (15 min)
        String payerToken = api.token(usernameOf(payer), PASSWORD);
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        PaywordChain chain = PaywordChain.fromSeed(seed, 5_000);
        String channelId = "crash-ch-" + run;
        long payeeBefore = ledger.getBalance(payee).balance();
        expect(
                api.post(
                        "/api/v1/me/channels",
                        new OpenChannelRequest(
                                channelId,
                                payee,
                                1,
                                chain.length(),
                                chain.root(),
                                System.currentTimeMillis() + Duration.ofDays(1).toMillis()),
                        payerToken),
                201,
                "open " + channelId);
        ReceiptVerifier verifier = ReceiptVerifier.fromPublishedKey(
                expect(api.get("/api/v1/public/payments/broker-key", null), 200, "broker key")
                        .path("publicKey")
                        .asString());

        // one payer paying one unit after the other, SIGKILL once enough receipts came back
        AtomicLong receipted = new AtomicLong();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enoughReceipts = new CountDownLatch(PAYMENTS_KILLED_AFTER_RECEIPTS);
        try (ExecutorService client = Executors.newSingleThreadExecutor()) {
            Future<?> stream = client.submit(() -> {
                for (int i = 1; !killed.get() && i <= chain.length(); i++) {
                    try {
                        Receipt receipt = receipt(expect(
                                api.post("/api/v1/payments", chain.payment(channelId, i), payerToken),
                                200,
                                "payment " + i));
                        assertThat(verifier.verify(receipt)).as("receipt %d", i).isTrue();
                        assertThat(receipt.index()).isEqualTo(i);
                        receipted.set(i);
                        enoughReceipts.countDown();
                    } catch (IOException e) {
                        return null; // the server died with payment i in flight: receipted or not, never both
                    }
                }
                return null;
            });
            assertThat(enoughReceipts.await(2, TimeUnit.MINUTES)).isTrue();
            killed.set(true);
            server.kill();
            stream.get(1, TimeUnit.MINUTES);
        }
        assertThat(ledger.getChannel(channelId).redeemedIndex())
                .as("nothing redeemed before the kill")
                .isZero();

        server.start();
        admin = adminToken();
        String token = api.token(usernameOf(payer), PASSWORD);
        long lastReceipted = receipted.get();
        ApiClient.Answer replayed = api.post("/api/v1/payments", chain.payment(channelId, (int) lastReceipted), token);
        assertThat(replayed.body().path("code").asString())
                .as("the last receipted payment survived the kill: sending it again is a replay (%s)", replayed.body())
                .isEqualTo("PAYWORD_REPLAYED");
        JsonNode view = expect(api.get("/api/v1/me/channels/" + channelId, token), 200, "channel after restart");
        long accepted = view.path("acceptedIndex").asLong();
        assertThat(accepted)
                .as("at most the one payment in flight at the kill was recorded without its receipt")
                .isBetween(lastReceipted, lastReceipted + 1);

        JsonNode settled = expect(
                api.post("/api/v1/me/channels/" + channelId + "/settle", null, token), 200, "settle " + channelId);
        JsonNode again =
                expect(api.post("/api/v1/me/channels/" + channelId + "/settle", null, token), 200, "settle again");
        assertThat(ledger.getChannel(channelId).redeemedIndex()).isEqualTo(accepted);
        assertThat(ledger.getBalance(payee).balance() - payeeBefore)
                .as("the payee is paid each accepted unit once")
                .isEqualTo(accepted);
        assertThat(again.path("channel").path("redeemedIndex").asLong())
                .isEqualTo(settled.path("channel").path("redeemedIndex").asLong())
                .isEqualTo(accepted);
        expect(
                api.post("/api/v1/me/channels/" + channelId + "/close", null, api.token(usernameOf(payee), PASSWORD)),
                200,
                "the payee closes " + channelId);
        awaitCondition("the graph's wallets follow the closed channel", () -> {
            try {
                return audit().path("differences").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        assertSupplyConserved();
        assertAuditClean();
        System.out.printf(
                "micropayments killed mid-stream: %d receipted before the kill, %d accepted after the restart, all"
                        + " redeemed once (%d units to the payee); audit 0%n",
                lastReceipted, accepted, accepted);
    }

    private static Receipt receipt(JsonNode body) {
        return new Receipt(
                body.path("channelId").asString(),
                body.path("index").asLong(),
                body.path("amount").asLong(),
                body.path("acceptedAt").asLong(),
                body.path("signature").asString());
    }

    private JsonNode audit() throws Exception {
        return expect(api.get("/api/v1/admin/audit", admin), 200, "audit");
    }

    /** The configured admin is created by a runner just after the server logs that it started. */
    private String adminToken() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return api.token(ADMIN, PASSWORD);
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                ServerProcess.sleep(Duration.ofMillis(250));
            }
        }
    }

    private Map<String, String> withNeo4j(Map<String, String> base) {
        Map<String, String> variables = new HashMap<>(base);
        variables.put("POX_NEO4J_URI", neo4j.boltURI().toString());
        return variables;
    }

    private String genesisMember(String username) throws Exception {
        JsonNode member = expect(
                api.post(
                        "/api/v1/admin/members/genesis",
                        Map.of(
                                "network", "email",
                                "handle", username + "@crash.example",
                                "displayName", username,
                                "username", username,
                                "password", PASSWORD),
                        admin),
                201,
                "genesis " + username);
        String memberId = member.path("memberId").asString();
        tokens.put(memberId, api.token(username, PASSWORD));
        usernames.put(memberId, username);
        return memberId;
    }

    private String usernameOf(String memberId) {
        return usernames.get(memberId);
    }

    private String invite(String inviter, String username) throws Exception {
        JsonNode invitation = expect(
                api.post(
                        "/api/v1/me/invitations",
                        Map.of("network", "email", "handle", username + "@crash.example"),
                        tokens.get(inviter)),
                201,
                "invitation of " + username);
        JsonNode member = expect(
                api.post(
                        "/api/v1/invitations/" + invitation.path("code").asString() + "/accept",
                        Map.of("username", username, "password", PASSWORD, "displayName", username),
                        null),
                201,
                "acceptance by " + username);
        String memberId = member.path("memberId").asString();
        tokens.put(memberId, api.token(username, PASSWORD));
        usernames.put(memberId, username);
        return memberId;
    }

    private void verify(String memberId) throws Exception {
        expect(api.post("/api/v1/admin/members/" + memberId + "/verify", null, admin), 200, "verify " + memberId);
    }

    private String closeCycleAndAwaitPaid() throws Exception {
        JsonNode closed = expect(api.post("/api/v1/admin/cycles", Map.of(), admin), 201, "close the cycle");
        String cycle = closed.path("cycleId").asString();
        awaitProgress(cycle, p -> "COMPLETE".equals(p.path("state").asString()));
        return cycle;
    }

    private JsonNode progress(String cycle) throws Exception {
        return expect(api.get("/api/v1/admin/cycles/" + cycle + "/progress", admin), 200, "progress of " + cycle);
    }

    private JsonNode awaitProgress(String cycle, java.util.function.Predicate<JsonNode> reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = progress(cycle);
            if (reached.test(last)) {
                return last;
            }
            if ("FAILED".equals(last.path("state").asString())) {
                fail("cycle " + cycle + " failed: " + last);
            }
            ServerProcess.sleep(Duration.ofMillis(20));
        }
        return fail("cycle " + cycle + " did not get there within 3 min: " + last);
    }

    private List<JsonNode> entries(String cycle) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        expect(api.get("/api/v1/admin/cycles/" + cycle + "/entries", admin), 200, "entries of " + cycle)
                .forEach(all::add);
        return all;
    }

    /** SIGKILL to the chaincode service network.sh started (its pid file), as a crash would. */
    private static void killChaincode() throws IOException {
        Path pidFile = networkDirectory().resolve("run/chaincode.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle chaincode =
                ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("chaincode pid " + pid + " not running"));
        chaincode.destroyForcibly();
        chaincode.onExit().join();
    }

    /** {@code network.sh up} starts whatever is not running, with the chaincode jar already deployed. */
    private static void restartNetworkComponents() throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("bash", "../network-config/network.sh", "up").redirectErrorStream(true);
        builder.environment().put("POX_NETWORK_DIR", networkDirectory().toString());
        builder.environment().put("POX_CHAINCODE_BUILD", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            fail("network.sh up failed:\n" + output);
        }
    }

    private static Path networkDirectory() {
        return Path.of(TestLedger.fabricVariables().getOrDefault("POX_FABRIC_NETWORK_DIR", "../.pox/network"));
    }

    private long transfersInGraph(String transferId) {
        return graph.executableQuery("MATCH (t:Transfer {transferId: $id}) RETURN count(t) AS n")
                .withParameters(Map.of("id", transferId))
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }

    /** What the ledger projection holds, in a comparable form: members, edges, counters, levels and cycles. */
    private Map<String, Object> graphSnapshot() {
        Map<String, Object> snapshot = new HashMap<>();
        snapshot.put(
                "members",
                graph.executableQuery("""
                                MATCH (m:Member)
                                OPTIONAL MATCH (r:Member)-[:RECOMMENDED]->(m)
                                RETURN m.memberId AS id, m.status AS status, r.memberId AS recommender,
                                       m.counts AS counts, m.level AS level
                                ORDER BY id
                                """).execute().records().stream()
                        .map(r -> r.asMap())
                        .toList());
        snapshot.put(
                "edges",
                graph.executableQuery("MATCH (:Member)-[e:RECOMMENDED]->(:Member) RETURN count(e) AS n")
                        .execute()
                        .records()
                        .getFirst()
                        .get("n")
                        .asLong());
        snapshot.put(
                "cycles",
                graph.executableQuery("""
                                MATCH (c:RewardCycle)
                                RETURN c.cycleId AS id, c.state AS state, c.merkleRoot AS root,
                                       c.entryCount AS entries, c.totalAmount AS total
                                ORDER BY id
                                """).execute().records().stream()
                        .map(r -> r.asMap())
                        .toList());
        snapshot.put(
                "transfers",
                graph.executableQuery("MATCH (t:Transfer) RETURN count(t) AS n")
                        .execute()
                        .records()
                        .getFirst()
                        .get("n")
                        .asLong());
        return snapshot;
    }

    private void assertSupplyConserved() {
        List<String> members = new ArrayList<>(usernames.keySet());
        long balances = members.stream()
                .mapToLong(member -> ledger.getBalance(member).balance())
                .sum();
        assertThat(balances)
                .as("Σ balances = supply")
                .isEqualTo(ledger.getTotalSupply().totalSupply());
    }

    private void assertAuditClean() throws Exception {
        JsonNode report = audit();
        assertThat(report.path("differences").size())
                .as("audit differences: %s", report.path("differences"))
                .isZero();
        assertThat(report.path("membersChecked").asInt()).isEqualTo(usernames.size());
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ServerProcess.sleep(Duration.ofMillis(100));
        }
        fail("not within " + CATCH_UP + ": " + what);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[36];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
