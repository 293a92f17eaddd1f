package org.poxledger.platform.level;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Tier;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.springframework.stereotype.Service;

/** Members' score, level and rate under the current policy, from the depth counters in the graph. */
@Service
public class LevelService {

    private final Driver driver;
    private final PolicyCatalog policies;

    public LevelService(Driver driver, PolicyCatalog policies) {
        this.driver = driver;
        this.policies = policies;
    }

    /**
     * @return the member's standing under the current policy
     * @throws Refusal 404 {@code MEMBER_NOT_FOUND}
     */
    public MemberStanding standing(String memberId) {
        Value counts = driver
                .executableQuery("MATCH (m:Member {memberId: $memberId}) RETURN m.counts AS counts")
                .withParameters(Map.of("memberId", memberId))
                .execute()
                .records()
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "member " + memberId + " is unknown"))
                .get("counts");
        long[] byDepth =
                counts.isNull() ? new long[DepthCounts.MAX_DEPTH] : DepthCounts.toArray(counts.asList(Value::asLong));
        return standingOf(memberId, policies.current(), byDepth);
    }

    /**
     * Pure function of the policy and the counters, for callers that hold counters already.
     *
     * @param counts n_1..n_k (k ≥ maxDepth, or missing depths count as zero)
     */
    public static MemberStanding standingOf(String memberId, RewardPolicy policy, long[] counts) {
        MemberLevel level = WeightedLevelCalculator.levelOf(policy, counts);
        List<Long> byDepth = new ArrayList<>(policy.maxDepth());
        for (int d = 0; d < policy.maxDepth(); d++) {
            byDepth.add(d < counts.length ? counts[d] : 0L);
        }
        MemberStanding.NextLevel next = null;
        for (Tier tier : policy.tiers()) {
            if (tier.level() == level.level() + 1) {
                next = new MemberStanding.NextLevel(
                        tier.level(),
                        tier.minScoreBps(),
                        tier.minDirect(),
                        tier.rateBps(),
                        Math.max(0, tier.minScoreBps() - level.scoreBps()),
                        Math.max(0, tier.minDirect() - level.direct()));
            }
        }
        return new MemberStanding(
                memberId,
                policy.version(),
                byDepth,
                level.scoreBps(),
                level.level(),
                level.rateBps(),
                level.direct(),
                next);
    }

    /** @return the member's recorded level changes, newest first */
    public List<LevelChange> history(String memberId) {
        return driver.executableQuery("""
                        MATCH (c:LevelChange {memberId: $memberId})
                        RETURN c ORDER BY c.changedAt DESC, elementId(c) DESC LIMIT 1000
                        """).withParameters(Map.of("memberId", memberId)).execute().records().stream()
                .map(r -> {
                    Value c = r.get("c");
                    return new LevelChange(
                            c.get("fromLevel").asInt(),
                            c.get("toLevel").asInt(),
                            c.get("scoreBps").asLong(),
                            c.get("policyVersion").asInt(),
                            Instant.ofEpochMilli(c.get("changedAt").asLong()),
                            c.get("cause").asString());
                })
                .toList();
    }
}
