package org.poxledger.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.poxledger.bench.BenchResults;
import org.poxledger.payword.Payment;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.ReceiptVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code micropayments_accepted_per_s_api}: PayWord payments accepted per second through the REST API of a running
 * server ({@code scripts/bench-payments.sh} starts one on the embedded ledger with its own Neo4j).
 *
 * <p>What counts: one {@code POST /api/v1/payments} per payment, one payword of one unit each, with a bearer token,
 * answered 200 with a broker-signed receipt (the broker answers only once the payword is durable in Neo4j). Each of
 * {@code clients} clients pays on its own channel, one payment after the other (a chain is sequential by nature), so
 * the figure is payments per second, never paywords per request. Refusals are counted apart and must be 0; the last
 * receipt of every channel is verified against the broker's published key and must name the channel's last index.
 *
 * <p>Set-up through the API as any client would: a policy with a large base reward, {@code payers} genesis members
 * who each invite one member, a reward cycle that funds them, one channel per client.
 *
 * <p>With {@code pox.bench.batch} = B > 1 the payee's gateway sends {@code POST /api/v1/payments/batch} instead, each
 * request carrying the next payment of B different channels (one per channel: never several paywords of one chain),
 * each payment with its own receipt; the figures then carry the suffix {@code _batchB}.
 *
 * <p>Usage: {@code MicropaymentApiBenchmark <base-url> <admin> <admin-password> <results.json> <commit>}; system
 * properties {@code pox.bench.clients} (channels, default 128), {@code pox.bench.batch} (default 1),
 * {@code pox.bench.chain} (paywords per channel, default 10000),
 * {@code pox.bench.seconds} (default 15, after a 5 s warm-up).
 */
public final class MicropaymentApiBenchmark {

    private static final Logger log = LoggerFactory.getLogger(MicropaymentApiBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench payments password";
    private static final int CHAIN = Integer.getInteger("pox.bench.chain", 10_000);
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    private final HttpClient http;
    private final String base;

    private MicropaymentApiBenchmark(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException(
                    "usage: MicropaymentApiBenchmark <base-url> <admin> <admin-password> <results.json> <commit>");
        }
        int clients = Integer.getInteger("pox.bench.clients", 128);
        int batch = Integer.getInteger("pox.bench.batch", 1);
        Duration measured = Duration.ofSeconds(Long.getLong("pox.bench.seconds", 15));
        MicropaymentApiBenchmark bench = new MicropaymentApiBenchmark(args[0]);
        Map<String, Number> metrics = bench.run(args[1], args[2], clients, batch, measured);
        BenchResults.merge(Path.of(args[3]), args[4], metrics);
        log.info("micropayments through the API: {}", metrics);
    }

    private Map<String, Number> run(String admin, String adminPassword, int clients, int batch, Duration measured)
            throws Exception {
        String adminToken = token(admin, adminPassword);
        publishLargeReward(adminToken);
        int payers = Math.max(1, (clients + 15) / 16);
        List<String> payerTokens = new ArrayList<>();
        String payeeId = null;
        String payeeUsername = null;
        for (int p = 0; p < payers; p++) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            call(
                    "POST",
                    "/api/v1/admin/members/genesis",
                    adminToken,
                    Map.of(
                            "network", "email",
                            "handle", "payer-" + suffix + "@bench.example",
                            "displayName", "Payer " + p,
                            "username", "payer" + suffix,
                            "password", PASSWORD));
            String payerToken = token("payer" + suffix, PASSWORD);
            String code = call(
                            "POST",
                            "/api/v1/me/invitations",
                            payerToken,
                            Map.of("network", "email", "handle", "payee-" + suffix + "@bench.example"))
                    .get("code")
                    .asText();
            String invited = call(
                            "POST",
                            "/api/v1/invitations/" + code + "/accept",
                            null,
                            Map.of("username", "payee" + suffix, "password", PASSWORD, "displayName", "Payee " + p))
                    .get("memberId")
                    .asText();
            if (payeeId == null) {
                payeeId = invited;
                payeeUsername = "payee" + suffix;
            }
            payerTokens.add(payerToken);
        }
        String cycleId = call("POST", "/api/v1/admin/cycles", adminToken, Map.of())
                .get("cycleId")
                .asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (call("GET", "/api/v1/admin/cycles/" + cycleId + "/progress", adminToken, null)
                        .get("chunksPending")
                        .asInt()
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the funding cycle was not paid within 3 minutes");
            }
            Thread.sleep(500);
        }
        ReceiptVerifier verifier =
                ReceiptVerifier.fromPublishedKey(call("GET", "/api/v1/public/payments/broker-key", null, null)
                        .get("publicKey")
                        .asText());

        List<Client> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            PaywordChain chain = PaywordChain.fromSeed(seed(), CHAIN);
            String channelId = "bench-" + UUID.randomUUID().toString().substring(0, 12);
            String token = payerTokens.get(c % payers);
            call(
                    "POST",
                    "/api/v1/me/channels",
                    token,
                    Map.of(
                            "channelId",
                            channelId,
                            "payeeId",
                            payeeId,
                            "unit",
                            1,
                            "chainLength",
                            CHAIN,
                            "root",
                            chain.root(),
                            "expiresAt",
                            System.currentTimeMillis() + Duration.ofDays(1).toMillis()));
            all.add(new Client(channelId, chain, token));
        }
        log.info("{} channels of {} paywords open; warming up for {}", clients, CHAIN, WARM_UP);

        Recorder latencies = new Recorder(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long warmEnd = System.nanoTime() + WARM_UP.toNanos();
        long end = warmEnd + measured.toNanos();
        AtomicLong acceptedAtWarmEnd = new AtomicLong(-1);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            if (batch <= 1) {
                for (Client client : all) {
                    running.add(workers.submit(() -> client.pay(this, end, latencies, accepted, refused)));
                }
            } else {
                // the payee's gateway: one request carries the next payment of `batch` channels, one per channel
                String gatewayToken = token(payeeUsername, PASSWORD);
                for (int from = 0; from < all.size(); from += batch) {
                    List<Client> slice = all.subList(from, Math.min(all.size(), from + batch));
                    running.add(workers.submit(
                            () -> Client.payBatches(this, slice, gatewayToken, end, latencies, accepted, refused)));
                }
            }
            while (System.nanoTime() < warmEnd) {
                Thread.sleep(10);
            }
            acceptedAtWarmEnd.set(accepted.get());
            latencies.reset();
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        long inWindow = accepted.get() - acceptedAtWarmEnd.get();
        double perSecond = inWindow / (measured.toNanos() / 1e9);
        Histogram histogram = latencies.getIntervalHistogram();
        long badReceipts =
                all.stream().filter(c -> !c.lastReceiptValid(verifier)).count();
        log.info(
                "{} payments accepted in {} s by {} clients: {}/s, p50 {} ms, p99 {} ms; {} refused, {} bad receipts",
                inWindow,
                measured.toSeconds(),
                clients,
                Math.round(perSecond),
                histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6,
                refused.get(),
                badReceipts);
        if (refused.get() > 0 || badReceipts > 0) {
            throw new IllegalStateException(
                    refused.get() + " payments refused and " + badReceipts + " bad last receipts: not a valid run");
        }
        // single payments and batches are different figures: a batch carries `batch` channels' payments per request
        String suffix = batch <= 1 ? "" : "_batch" + batch;
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("micropayments_accepted_per_s_api" + suffix, perSecond);
        metrics.put("micropayment_api_p50_ms" + suffix, histogram.getValueAtPercentile(50) / 1e6);
        metrics.put("micropayment_api_p99_ms" + suffix, histogram.getValueAtPercentile(99) / 1e6);
        metrics.put("micropayment_api_clients" + suffix, clients);
        return metrics;
    }

    /** One payer's client on its own channel: pays one unit at a time, each after the previous one's receipt. */
    private static final class Client {
        private final String channelId;
        private final PaywordChain chain;
        private final String token;
        private int paid;
        private Receipt last;

        Client(String channelId, PaywordChain chain, String token) {
            this.channelId = channelId;
            this.chain = chain;
            this.token = token;
        }

        Void pay(MicropaymentApiBenchmark bench, long end, Recorder latencies, AtomicLong accepted, AtomicLong refused)
                throws Exception {
            while (System.nanoTime() < end && paid < chain.length()) {
                Payment payment = chain.payment(channelId, paid + 1);
                long started = System.nanoTime();
                HttpResponse<byte[]> response = bench.send(
                        "POST",
                        "/api/v1/payments",
                        token,
                        JSON.writeValueAsBytes(Map.of(
                                "channelId", payment.channelId(),
                                "index", payment.index(),
                                "payword", payment.payword())));
                if (response.statusCode() != 200) {
                    refused.incrementAndGet();
                    log.warn(
                            "payment {} on {}: {} {}",
                            paid + 1,
                            channelId,
                            response.statusCode(),
                            new String(response.body()));
                    return null;
                }
                latencies.recordValue(System.nanoTime() - started);
                paid++;
                accepted.incrementAndGet();
                last = JSON.readValue(response.body(), Receipt.class);
            }
            return null;
        }

        static Void payBatches(
                MicropaymentApiBenchmark bench,
                List<Client> slice,
                String token,
                long end,
                Recorder latencies,
                AtomicLong accepted,
                AtomicLong refused)
                throws Exception {
            while (System.nanoTime() < end && slice.stream().allMatch(c -> c.paid < c.chain.length())) {
                List<Map<String, Object>> payments = new ArrayList<>();
                for (Client client : slice) {
                    Payment payment = client.chain.payment(client.channelId, client.paid + 1);
                    payments.add(Map.of(
                            "channelId", payment.channelId(),
                            "index", payment.index(),
                            "payword", payment.payword()));
                }
                long started = System.nanoTime();
                HttpResponse<byte[]> response = bench.send(
                        "POST", "/api/v1/payments/batch", token, JSON.writeValueAsBytes(Map.of("payments", payments)));
                if (response.statusCode() != 200) {
                    refused.addAndGet(slice.size());
                    log.warn("batch: {} {}", response.statusCode(), new String(response.body()));
                    return null;
                }
                latencies.recordValue(System.nanoTime() - started);
                JsonNode outcomes = JSON.readTree(response.body());
                for (int i = 0; i < slice.size(); i++) {
                    JsonNode receipt = outcomes.get(i).get("receipt");
                    if (receipt == null || receipt.isNull()) {
                        refused.incrementAndGet();
                        log.warn("batch payment on {}: {}", slice.get(i).channelId, outcomes.get(i));
                        return null;
                    }
                    slice.get(i).paid++;
                    slice.get(i).last = JSON.treeToValue(receipt, Receipt.class);
                    accepted.incrementAndGet();
                }
            }
            return null;
        }

        boolean lastReceiptValid(ReceiptVerifier verifier) {
            return last != null
                    && verifier.verify(last)
                    && last.index() == paid
                    && last.channelId().equals(channelId);
        }
    }

    private void publishLargeReward(String adminToken) throws Exception {
        JsonNode draft = call("GET", "/api/v1/admin/policy/draft", adminToken, null);
        ObjectNode document = (ObjectNode) draft.get("document");
        // enough for every client's channel: the default base reward (100.00) would fund a few thousand payments
        document.put("baseRewardUnits", 100_000_000L);
        call("PUT", "/api/v1/admin/policy/draft", adminToken, document);
        call("POST", "/api/v1/admin/policy/draft/publish", adminToken, null);
    }

    private String token(String username, String password) throws Exception {
        return call("POST", "/api/v1/auth/token", null, Map.of("username", username, "password", password))
                .get("accessToken")
                .asText();
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpResponse<byte[]> response =
                send(method, path, token, body == null ? new byte[0] : JSON.writeValueAsBytes(body));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + ": " + response.statusCode() + " " + new String(response.body()));
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(String method, String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return seed;
    }
}
