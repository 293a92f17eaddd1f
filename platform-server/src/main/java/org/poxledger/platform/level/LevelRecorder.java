package org.poxledger.platform.level;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.springframework.stereotype.Component;

/**
 * Stores each member's level under the current policy on its node ({@code level, scoreBps, rateBps,
 * levelPolicyVersion}) and records every change of level as {@code (:Member)-[:LEVEL_CHANGED]->(:LevelChange
 * {memberId, fromLevel, toLevel, scoreBps, policyVersion, changedAt, cause})}. Runs inside the caller's transaction,
 * so a change is recorded exactly when the counters that caused it are written, never twice.
 */
@Component
public class LevelRecorder {

    private final PolicyCatalog policies;

    public LevelRecorder(PolicyCatalog policies) {
        this.policies = policies;
    }

    /**
     * New counters of some members, with the level stored before.
     *
     * @param memberId the member
     * @param counts {@code n_1..n_10}
     * @param storedLevel the level stored on the node, {@code null} if none yet
     */
    public record Counted(String memberId, long[] counts, Integer storedLevel) {}

    /** @return the policy levels are recorded under now */
    public RewardPolicy currentPolicy() {
        return policies.current();
    }

    /**
     * @param tx the caller's write transaction
     * @param members members whose counters were just written
     * @param changedAt when the change happened, epoch milliseconds (the causing registration's ledger time)
     * @param cause what caused it, e.g. {@code registration m_abc} or {@code recompute}
     * @return how many members changed level
     */
    public int record(TransactionContext tx, List<Counted> members, long changedAt, String cause) {
        return record(tx, members, policies.current(), changedAt, cause);
    }

    /**
     * Like {@link #record(TransactionContext, List, long, String)} under a policy the caller fetched before opening
     * its transaction (fetching may reach the ledger, which a graph transaction should not wait for).
     */
    public int record(TransactionContext tx, List<Counted> members, RewardPolicy policy, long changedAt, String cause) {
        if (members.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>(members.size());
        int changes = 0;
        for (Counted member : members) {
            MemberLevel level = WeightedLevelCalculator.levelOf(policy, member.counts());
            boolean changed = member.storedLevel() != null && member.storedLevel() != level.level();
            changes += changed ? 1 : 0;
            Map<String, Object> row = new HashMap<>();
            row.put("memberId", member.memberId());
            row.put("level", level.level());
            row.put("scoreBps", level.scoreBps());
            row.put("rateBps", level.rateBps());
            row.put("fromLevel", member.storedLevel());
            row.put("changed", changed);
            rows.add(row);
        }
        tx.run(
                        """
                        UNWIND $rows AS row
                        MATCH (m:Member {memberId: row.memberId})
                        SET m.level = row.level, m.scoreBps = row.scoreBps, m.rateBps = row.rateBps,
                            m.levelPolicyVersion = $policyVersion
                        WITH m, row WHERE row.changed
                        CREATE (m)-[:LEVEL_CHANGED]->(:LevelChange {memberId: row.memberId, fromLevel: row.fromLevel,
                                toLevel: row.level, scoreBps: row.scoreBps, policyVersion: $policyVersion,
                                changedAt: $changedAt, cause: $cause})
                        """,
                        Map.of(
                                "rows", rows,
                                "policyVersion", policy.version(),
                                "changedAt", changedAt,
                                "cause", cause))
                .consume();
        return changes;
    }
}
