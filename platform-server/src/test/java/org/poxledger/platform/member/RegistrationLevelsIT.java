package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.Tier;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.level.DepthCounts;
import org.poxledger.platform.level.WeightedLevelCalculator;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;

/**
 * The single registration scores and levels ancestors in its own Cypher (one statement per registration); these
 * policies of random depth, weights and tiers keep that Cypher equal to {@link WeightedLevelCalculator}, which the
 * batch projection and the recompute use.
 */
class RegistrationLevelsIT {

    @Test
    void every_level_a_registration_writes_is_the_one_the_weighted_calculator_computes() {
        Random random = new Random(31);
        for (int round = 0; round < 4; round++) {
            RewardPolicy policy = randomPolicy(random, round + 2);
            GraphTestSupport graph = GraphTestSupport.fresh(policy);
            MemberBatchProjectionIT.ledgerHistory(random, 150).forEach(graph.projection()::project);

            List<Record> levelled =
                    graph.driver().executableQuery("""
                            MATCH (m:Member) WHERE m.counts[0] > 0
                            RETURN m.memberId AS id, m.counts AS counts, m.level AS level,
                                   [k IN keys(m) WHERE k IN ['scoreBps', 'rateBps', 'levelPolicyVersion']] AS derived
                            """).execute().records();
            assertThat(levelled).hasSizeGreaterThan(20);
            for (Record member : levelled) {
                MemberLevel expected = WeightedLevelCalculator.levelOf(
                        policy, DepthCounts.toArray(member.get("counts").asList(v -> v.asLong())));
                assertThat(member.get("level").asInt())
                        .as("member %s under %s", member.get("id").asString(), policy)
                        .isEqualTo(expected.level());
                // score and rate are derived on read (LevelService), never stored beside the level
                assertThat(member.get("derived").asList()).isEmpty();
            }
            assertThat(graph.counters().recompute().levelChanges())
                    .as("a recompute finds no level to correct")
                    .isZero();
        }
    }

    @Test
    void a_registration_records_the_same_level_changes_as_the_batch_under_any_policy() {
        Random random = new Random(32);
        RewardPolicy policy = randomPolicy(random, 3);
        List<Member> events = MemberBatchProjectionIT.ledgerHistory(random, 300);

        GraphTestSupport graph = GraphTestSupport.fresh(policy);
        events.forEach(graph.projection()::project);
        List<String> changesOneByOne = MemberBatchProjectionIT.levelChanges(graph);

        graph = GraphTestSupport.fresh(policy);
        graph.batchProjection().projectAll(events);

        assertThat(MemberBatchProjectionIT.levelChanges(graph))
                .isEqualTo(changesOneByOne)
                .isNotEmpty();
    }

    /** Depth 1..10, weights 0..2.0 (depth 1 at least 0.5), 2..6 tiers with rising thresholds. */
    private static RewardPolicy randomPolicy(Random random, int version) {
        int maxDepth = 1 + random.nextInt(10);
        List<Integer> weights = new ArrayList<>();
        for (int d = 0; d < maxDepth; d++) {
            weights.add(d == 0 ? 5000 + random.nextInt(15000) : random.nextInt(20001));
        }
        List<Tier> tiers = new ArrayList<>(List.of(new Tier(1, 0, 0, 10000)));
        int tierCount = 2 + random.nextInt(5);
        for (int level = 2; level <= tierCount; level++) {
            Tier previous = tiers.getLast();
            tiers.add(new Tier(
                    level,
                    previous.minDirect() + random.nextInt(3),
                    previous.minScoreBps() + 5000 + random.nextInt(40000),
                    previous.rateBps() + 1000 + random.nextInt(5000)));
        }
        return new RewardPolicy(
                version, maxDepth, weights, List.of(10000), 10000, tiers, RewardPolicy.DEFAULT_CURRENCY);
    }
}
