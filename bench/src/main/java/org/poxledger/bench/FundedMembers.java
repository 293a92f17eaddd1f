package org.poxledger.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;

/** Verified genesis members funded through a reward cycle, the only way money enters the ledger. */
final class FundedMembers {

    private static final String DEFAULT_POLICY = """
            {"baseRewardUnits":10000,"currency":{"decimals":2,"symbol":"PXC"},
             "levelWeightBps":[10000,5000,2500],"maxDepth":3,"payoutShareBps":[10000,2000,500],
             "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000},
                      {"level":2,"minDirect":2,"minScoreBps":30000,"rateBps":12500}],
             "version":1}""";

    private final List<String> ids;

    private FundedMembers(List<String> ids) {
        this.ids = ids;
    }

    static FundedMembers create(LedgerConnection ledger, int count, long unitsEach) {
        ledger.submit(Transaction.PUBLISH_POLICY.wireName(), DEFAULT_POLICY);
        List<String> ids = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String id = "bench-genesis-" + i;
            ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), id, accountHash(id));
            ids.add(id);
            entries.append(i == 0 ? "" : ",")
                    .append(
                            "{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,\"scoreBps\":0}"
                                    .formatted(unitsEach, id));
        }
        String chunk =
                ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleId\":\"bench-funding\",\"cycleStart\":0,\"cycleEnd\":1,\"entryCount\":%d,"
                                + "\"entries\":[%s],\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                        .formatted(count, entries, "0".repeat(64));
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        return new FundedMembers(List.copyOf(ids));
    }

    String id(int index) {
        return ids.get(index);
    }

    /** Stand-in for the server's HMAC of a social account: any 64-hex value is a valid account hash. */
    static String accountHash(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
