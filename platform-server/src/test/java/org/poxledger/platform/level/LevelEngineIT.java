package org.poxledger.platform.level;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Tier;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;
import org.poxledger.platform.support.LedgerMembers;

/**
 * The level engine (incremental counters in the graph + {@link LevelService}) against an independent brute-force count
 * on seeded random trees, under several policies.
 */
@Tag("graph-only")
class LevelEngineIT {

    private static final int MEMBERS = 2500;

    @Test
    void levels_from_the_graph_equal_a_brute_force_count_on_random_trees_under_several_policies() {
        for (long seed : new long[] {7, 2026}) {
            Random random = new Random(seed);
            GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
            int[] parent = randomForest(random, MEMBERS);
            project(graph, parent);

            List<RewardPolicy> policies = List.of(
                    RewardPolicy.defaultPolicy(),
                    tenLevelPolicy(),
                    randomPolicy(random, 2),
                    randomPolicy(random, 3),
                    randomPolicy(random, 4));
            long[][] exact = bruteForceCounts(parent);
            for (RewardPolicy policy : policies) {
                graph.policies().use(policy);
                for (int m = 0; m < parent.length; m++) {
                    MemberStanding standing = graph.levels().standing(id(m));
                    Expected expected = expected(policy, exact[m]);
                    assertThat(standing.scoreBps())
                            .as("score of %s under policy %s, seed %s", id(m), policy.version(), seed)
                            .isEqualTo(expected.score);
                    assertThat(standing.level())
                            .as("level of %s under policy %s", id(m), policy.version())
                            .isEqualTo(expected.level);
                    assertThat(standing.rateBps()).isEqualTo(expected.rate);
                    assertThat(standing.direct()).isEqualTo(exact[m][0]);
                    if (expected.nextLevel == null) {
                        assertThat(standing.nextLevel()).isNull();
                    } else {
                        assertThat(standing.nextLevel().level()).isEqualTo(expected.nextLevel.level());
                        assertThat(standing.nextLevel().missingScoreBps())
                                .isEqualTo(Math.max(0, expected.nextLevel.minScoreBps() - expected.score));
                        assertThat(standing.nextLevel().missingDirect())
                                .isEqualTo(Math.max(0, expected.nextLevel.minDirect() - exact[m][0]));
                    }
                }
            }
            assertThat(graph.counters().check().mismatches()).isEmpty();
        }
    }

    @Test
    void incremental_counters_equal_a_full_recompute_and_the_recompute_repairs_exactly_the_damaged_ones() {
        Random random = new Random(99);
        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        int[] parent = randomForest(random, 1500);
        project(graph, parent);

        DepthCounterRecomputer.CounterCheck before = graph.counters().check();
        DepthCounterRecomputer.Recompute untouched = graph.counters().recompute();
        assertThat(before.members()).isEqualTo(1500);
        assertThat(before.mismatches()).isEmpty();
        assertThat(untouched.corrected()).isZero();

        List<String> damaged = List.of(id(0), id(10), id(700));
        graph.driver()
                .executableQuery(
                        "UNWIND $ids AS id MATCH (m:Member {memberId: id}) SET m.counts = [99] + m.counts[1..]")
                .withParameters(Map.of("ids", damaged))
                .execute();
        DepthCounterRecomputer.CounterCheck broken = graph.counters().check();
        assertThat(broken.mismatches())
                .extracting(DepthCounterRecomputer.Mismatch::memberId)
                .containsExactlyInAnyOrderElementsOf(damaged);
        assertThat(broken.mismatches().getFirst().stored().getFirst()).isEqualTo(99L);

        DepthCounterRecomputer.Recompute repaired = graph.counters().recompute();
        assertThat(repaired.corrected()).isEqualTo(3);
        assertThat(repaired.skipped()).isEmpty();
        assertThat(graph.counters().check().consistent()).isTrue();
        long[][] exact = bruteForceCounts(parent);
        assertThat(graph.levels().standing(id(0)).direct()).isEqualTo(exact[0][0]);
    }

    /** Members 0..n-1 in registration order; a few are genesis members, others hang under an earlier member. */
    static int[] randomForest(Random random, int n) {
        int[] parent = new int[n];
        parent[0] = -1;
        for (int i = 1; i < n; i++) {
            if (random.nextInt(200) == 0) {
                parent[i] = -1;
            } else if (random.nextBoolean()) {
                parent[i] = i - 1 - random.nextInt(Math.min(i, 5)); // recent members: deep chains
            } else {
                parent[i] = random.nextInt(i); // anyone: wide trees
            }
        }
        return parent;
    }

    static void project(GraphTestSupport graph, int[] parent) {
        for (int i = 0; i < parent.length; i++) {
            graph.projection().project(LedgerMembers.registered(id(i), parent[i] < 0 ? null : id(parent[i]), i));
        }
    }

    static String id(int i) {
        return "m_" + i;
    }

    /** n_d for every member by walking the children lists breadth-first, depth by depth. */
    static long[][] bruteForceCounts(int[] parent) {
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < parent.length; i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] >= 0) {
                children.get(parent[i]).add(i);
            }
        }
        long[][] counts = new long[parent.length][10];
        for (int m = 0; m < parent.length; m++) {
            List<Integer> level = List.of(m);
            for (int d = 0; d < 10 && !level.isEmpty(); d++) {
                List<Integer> next = new ArrayList<>();
                level.forEach(x -> next.addAll(children.get(x)));
                counts[m][d] = next.size();
                level = next;
            }
        }
        return counts;
    }

    record Expected(long score, int level, int rate, Tier nextLevel) {}

    static Expected expected(RewardPolicy policy, long[] counts) {
        long score = 0;
        for (int d = 0; d < policy.maxDepth(); d++) {
            score += policy.levelWeightBps().get(d) * counts[d];
        }
        Tier best = policy.tiers().getFirst();
        for (Tier tier : policy.tiers()) {
            if (score >= tier.minScoreBps() && counts[0] >= tier.minDirect() && tier.level() > best.level()) {
                best = tier;
            }
        }
        Tier next = null;
        for (Tier tier : policy.tiers()) {
            if (tier.level() == best.level() + 1) {
                next = tier;
            }
        }
        return new Expected(score, best.level(), best.rateBps(), next);
    }

    static RewardPolicy tenLevelPolicy() {
        return new RewardPolicy(
                2,
                10,
                List.of(10000, 8000, 6000, 5000, 4000, 3000, 2000, 1000, 500, 100),
                List.of(10000, 5000, 2500, 1000, 500, 250, 100, 50, 25, 10),
                10000,
                List.of(
                        new Tier(1, 0, 0, 10000),
                        new Tier(2, 1, 20000, 11000),
                        new Tier(3, 2, 50000, 12000),
                        new Tier(4, 3, 100000, 14000),
                        new Tier(5, 4, 200000, 18000),
                        new Tier(6, 6, 400000, 25000)),
                RewardPolicy.DEFAULT_CURRENCY);
    }

    static RewardPolicy randomPolicy(Random random, int version) {
        int depth = 1 + random.nextInt(10);
        List<Integer> weights = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
            weights.add(random.nextInt(10001));
            shares.add(random.nextInt(10001));
        }
        List<Tier> tiers = new ArrayList<>();
        tiers.add(new Tier(1, 0, 0, 10000));
        long score = 0;
        long direct = 0;
        int rate = 10000;
        int levels = 1 + random.nextInt(8);
        for (int level = 2; level <= levels; level++) {
            score += random.nextInt(40000);
            direct += random.nextInt(3);
            rate += random.nextInt(5000);
            tiers.add(new Tier(level, (int) direct, score, rate));
        }
        return new RewardPolicy(version, depth, weights, shares, 10000, tiers, RewardPolicy.DEFAULT_CURRENCY);
    }
}
