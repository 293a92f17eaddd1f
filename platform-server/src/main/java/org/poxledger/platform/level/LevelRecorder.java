package org.poxledger.platform.level;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.springframework.stereotype.Component;

/**
 * Stores each member's level under the current policy on its node ({@code level}, the one level-derived value a node
 * keeps: the score and rate follow from its counters and the policy, and {@link LevelService} derives them on read)
 * and records every change of level as {@code (:Member)-[:LEVEL_CHANGED]->(:LevelChange {memberId, fromLevel,
 * toLevel, scoreBps, policyVersion, changedAt, cause})}. Runs inside the caller's transaction, so a change is recorded
 * exactly when the counters that caused it are written, never twice.
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

    /**
     * What one registration did to its ancestors, for {@link #recordSteps}.
     *
     * @param ancestors the ancestors' counters right after this registration; {@code storedLevel} is the level stored
     *     on the node before the whole batch (later steps' levels are tracked here, not read back)
     * @param changedAt the registration's ledger time, epoch milliseconds
     * @param cause e.g. {@code registration m_abc}
     */
    public record Step(List<Counted> ancestors, long changedAt, String cause) {}

    /** @return the policy levels are recorded under now */
    public RewardPolicy currentPolicy() {
        return policies.current();
    }

    /**
     * The levels many registrations of one batch leave, with exactly the level changes that the single registration
     * ({@code MemberProjection}) once per step, in order, records: a member's level is carried from step to step in
     * memory, each change becomes one {@code LevelChange} with its own step's time and cause, and each node gets its
     * last step's level.
     *
     * @param finals per member counted, its last step's {@code memberId, level, scoreBps}, in first-counted order
     * @param changes the level changes, in step order, for {@link #recordChanges}
     */
    public record StepLevels(Map<String, Map<String, Object>> finals, List<Map<String, Object>> changes) {}

    /** @return the levels and level changes of these steps under {@code policy}; writes nothing */
    public StepLevels levelsOf(List<Step> steps, RewardPolicy policy) {
        Map<String, Integer> current = new HashMap<>();
        Map<String, Map<String, Object>> finals = new LinkedHashMap<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Step step : steps) {
            for (Counted member : step.ancestors()) {
                Integer before =
                        current.containsKey(member.memberId()) ? current.get(member.memberId()) : member.storedLevel();
                MemberLevel level = WeightedLevelCalculator.levelOf(policy, member.counts());
                current.put(member.memberId(), level.level());
                Map<String, Object> row = new HashMap<>();
                row.put("memberId", member.memberId());
                row.put("level", level.level());
                row.put("scoreBps", level.scoreBps());
                finals.put(member.memberId(), row);
                if (before != null && before != level.level()) {
                    Map<String, Object> change = new HashMap<>(row);
                    change.put("fromLevel", before);
                    change.put("changedAt", step.changedAt());
                    change.put("cause", step.cause());
                    changes.add(change);
                }
            }
        }
        return new StepLevels(finals, changes);
    }

    /** Records level changes of {@link #levelsOf} as {@code LevelChange} nodes, in the caller's transaction. */
    public void recordChanges(TransactionContext tx, List<Map<String, Object>> changes, RewardPolicy policy) {
        if (changes.isEmpty()) {
            return;
        }
        tx.run("""
                        UNWIND $rows AS row
                        MATCH (m:Member {memberId: row.memberId})
                        CREATE (m)-[:LEVEL_CHANGED]->(:LevelChange {memberId: row.memberId,
                                fromLevel: row.fromLevel, toLevel: row.level, scoreBps: row.scoreBps,
                                policyVersion: $policyVersion, changedAt: row.changedAt, cause: row.cause})
                        """, Map.of("rows", changes, "policyVersion", policy.version())).consume();
    }
}
