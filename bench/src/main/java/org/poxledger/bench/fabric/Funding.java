package org.poxledger.bench.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;

/** Genesis members for a benchmark, registered concurrently (independent keys) and funded through reward chunks. */
final class Funding {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ENTRIES = 100;
    private static final String DEFAULT_POLICY = """
            {"baseRewardUnits":10000,"currency":{"decimals":2,"symbol":"PXC"},\
            "levelWeightBps":[10000,5000,2500],"maxDepth":3,"payoutShareBps":[10000,2000,500],\
            "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000},\
            {"level":2,"minDirect":2,"minScoreBps":30000,"rateBps":12500},\
            {"level":3,"minDirect":3,"minScoreBps":100000,"rateBps":15000},\
            {"level":4,"minDirect":5,"minScoreBps":300000,"rateBps":20000},\
            {"level":5,"minDirect":10,"minScoreBps":1000000,"rateBps":30000}],"version":1}""";

    private final LedgerConnection ledger;

    Funding(LedgerConnection ledger) {
        this.ledger = ledger;
    }

    List<String> members(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<String>> registered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                registered.add(pool.submit(() -> {
                    String id =
                            "b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                    ledger.submit("members:RegisterGenesisMember", id, hash(id));
                    return id;
                }));
            }
            for (Future<String> id : registered) {
                ids.add(id.get());
            }
        }
        return ids;
    }

    List<String> fundedMembers(int count, long amount) throws Exception {
        List<String> ids = members(count);
        JsonNode policy = currentPolicy();
        int rateBps = policy.get("policy").get("tiers").get(0).get("rateBps").asInt();
        for (int from = 0; from < ids.size(); from += CHUNK_ENTRIES) {
            List<String> entries = ids.subList(from, Math.min(ids.size(), from + CHUNK_ENTRIES)).stream()
                    .sorted()
                    .map(id -> ("{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":%d,"
                                    + "\"scoreBps\":10000}")
                            .formatted(amount, id, rateBps))
                    .toList();
            String cycleId = "fund-" + UUID.randomUUID().toString().substring(0, 8);
            ledger.submit(
                    "rewards:PayRewardChunk",
                    ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2,\"cycleId\":\"%s\",\"cycleStart\":1,\"entries\":[%s],\"entryCount\":%d,"
                                    + "\"merkleRoot\":\"%s\",\"policyVersion\":%d}")
                            .formatted(
                                    cycleId,
                                    String.join(",", entries),
                                    entries.size(),
                                    hash(cycleId),
                                    policy.get("version").asInt()));
        }
        return ids;
    }

    private JsonNode currentPolicy() {
        try {
            return JSON.readTree(ledger.evaluate("policies:GetCurrentPolicy"));
        } catch (LedgerException e) {
            if (!"POLICY_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            try {
                return JSON.readTree(
                        ledger.submit("policies:PublishPolicy", DEFAULT_POLICY).payload());
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(("bench:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
