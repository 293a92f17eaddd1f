package org.poxledger.bench.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.poxledger.platform.level.DepthCounts;

/**
 * Writes a generated tree straight into Neo4j, as a projection would have left it but without its cost: member nodes
 * with their ledger fields and {@code RECOMMENDED} edges, in {@code UNWIND} batches. The counters are left at zero
 * (as after an import or a schema change), so a recompute has every member to correct and write back.
 */
public final class TreeLoader {

    private static final int BATCH = 20_000;

    private TreeLoader() {}

    public static void load(Driver driver, GeneratedTree tree, long registeredAt) {
        int[] parent = tree.parent();
        try (Session session = driver.session()) {
            for (int from = 0; from < parent.length; from += BATCH) {
                List<Map<String, Object>> rows = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(parent.length, from + BATCH); i++) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("memberId", GeneratedTree.id(i));
                    row.put("recommenderId", parent[i] < 0 ? null : GeneratedTree.id(parent[i]));
                    row.put("accountHash", accountHash(i));
                    row.put("registeredAt", registeredAt + i);
                    rows.add(row);
                }
                session.executeWrite(tx -> tx.run("""
                                UNWIND $rows AS row
                                CREATE (m:Member {memberId: row.memberId, recommenderId: row.recommenderId,
                                    accountHash: row.accountHash, registeredAt: row.registeredAt,
                                    registeredTxId: 'tx-' + row.memberId, status: 'VERIFIED',
                                    statusChangedAt: row.registeredAt, counts: $zeros, counted: true, level: 1})
                                """, Map.of("rows", rows, "zeros", DepthCounts.ZEROS))
                        .consume());
                session.executeWrite(tx -> tx.run("""
                                UNWIND $rows AS row
                                WITH row WHERE row.recommenderId IS NOT NULL
                                MATCH (r:Member {memberId: row.recommenderId}), (m:Member {memberId: row.memberId})
                                CREATE (r)-[:RECOMMENDED]->(m)
                                """, Map.of("rows", rows)).consume());
            }
        }
    }

    /** The member JSON of a {@code MemberRegistered} event for member {@code i}, as the chaincode emits it. */
    public static String registeredJson(GeneratedTree tree, int i, long registeredAt) {
        int p = tree.parent()[i];
        return "{\"accountHash\":\"" + accountHash(i) + "\",\"memberId\":\"" + GeneratedTree.id(i) + "\","
                + (p < 0 ? "" : "\"recommenderId\":\"" + GeneratedTree.id(p) + "\",")
                + "\"registeredAt\":" + (registeredAt + i) + ",\"registeredTxId\":\"tx-" + GeneratedTree.id(i)
                + "\",\"status\":\"" + (p < 0 ? "VERIFIED" : "ACTIVE") + "\",\"statusChangedAt\":"
                + (registeredAt + i) + "}";
    }

    /** Any 64-hex value is a valid account hash; this one is cheap and distinct per member. */
    static String accountHash(int i) {
        String hex = Integer.toHexString(i);
        return "0".repeat(64 - hex.length()) + hex;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
