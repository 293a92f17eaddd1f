package org.poxledger.platform.member;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.driver.TransactionContext;
import org.poxledger.contract.model.Member;
import org.poxledger.platform.level.DepthCounts;

/**
 * Writes members' ledger fields onto their nodes, one statement for any number of members, and tells which of them
 * were counted before (read under each node's write lock, which the SET takes). A status is taken only if its
 * {@code statusChangedAt} is newer than the stored one, or equal and not earlier in the lifecycle.
 */
final class MemberUpsert {

    private static final Map<String, Object> STATUS_RANK = Map.of("ACTIVE", 0, "VERIFIED", 1, "SUSPENDED", 2);

    /**
     * The clauses that upsert the member {@code row} into the node {@code m}, which both are in scope after, for a
     * statement that goes on with the member (the single registration counts it in the same statement). Parameters:
     * {@link #parameters}. The {@code SET}s take {@code m}'s write lock, so {@code m.counted} read after them is stable.
     */
    static final String MERGE_ROW = """
            MERGE (m:Member {memberId: row.memberId})
            ON CREATE SET m.counts = $zeros, m.counted = false, m.level = 1
            SET m.accountHash = row.accountHash, m.recommenderId = row.recommenderId,
                m.registeredAt = row.registeredAt, m.registeredTxId = row.registeredTxId
            WITH m, row, m.statusChangedAt IS NULL OR m.statusChangedAt < row.statusChangedAt
                OR (m.statusChangedAt = row.statusChangedAt
                    AND row.statusRank >= coalesce($ranks[m.status], 0)) AS newer
            SET m.status = CASE WHEN newer THEN row.status ELSE m.status END,
                m.statusChangedAt = CASE WHEN newer THEN row.statusChangedAt ELSE m.statusChangedAt END
            """;

    private MemberUpsert() {}

    /**
     * @param members at most one state per member id: the statement compares against the stored status, not against
     *     other rows of the same call (see {@link #newest})
     * @return the ids of the members that had been counted before
     */
    static Set<String> upsert(TransactionContext tx, List<Member> members) {
        return tx.run("UNWIND $rows AS row\n" + MERGE_ROW + """
                        WITH m WHERE m.counted
                        RETURN m.memberId AS memberId
                        """, parameters(members)).stream()
                .map(record -> record.get("memberId").asString())
                .collect(Collectors.toSet());
    }

    /** @return the parameters of {@link #MERGE_ROW} under {@code UNWIND $rows AS row} */
    static Map<String, Object> parameters(List<Member> members) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("rows", members.stream().map(MemberUpsert::row).toList());
        parameters.put("ranks", STATUS_RANK);
        parameters.put("zeros", DepthCounts.ZEROS);
        return parameters;
    }

    /**
     * The state the upsert keeps of two states of one member: the later status change, or at the same millisecond the
     * later one in the lifecycle (ACTIVE before VERIFIED before SUSPENDED; a replayed registration after a verify, say).
     */
    static Member newest(Member a, Member b) {
        if (a.statusChangedAt() != b.statusChangedAt()) {
            return a.statusChangedAt() > b.statusChangedAt() ? a : b;
        }
        return rank(b) >= rank(a) ? b : a;
    }

    private static int rank(Member member) {
        return (Integer) STATUS_RANK.get(member.status().name());
    }

    private static Map<String, Object> row(Member member) {
        Map<String, Object> row = new HashMap<>();
        row.put("memberId", member.memberId());
        row.put("accountHash", member.accountHash());
        row.put("recommenderId", member.recommenderId());
        row.put("registeredAt", member.registeredAt());
        row.put("registeredTxId", member.registeredTxId());
        row.put("status", member.status().name());
        row.put("statusChangedAt", member.statusChangedAt());
        row.put("statusRank", STATUS_RANK.get(member.status().name()));
        return row;
    }
}
