package org.poxledger.platform.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.contract.model.Tier;
import org.poxledger.platform.policy.RewardPolicy;

/** Hand-computed examples under the default policy (base 10000, shares [10000, 2000, 500], DESIGN §5, §6). */
class RewardCalculatorTest {

    private static final RewardPolicy DEFAULT = RewardPolicy.defaultPolicy();

    @Test
    void pays_every_ancestor_of_a_chain_registered_in_one_cycle_by_depth() {
        // g -> a -> b -> c, all four registered in the cycle
        Map<String, long[]> newAtDepth = Map.of(
                "g", new long[] {1, 1, 1},
                "a", new long[] {1, 1, 0},
                "b", new long[] {1, 0, 0});
        Map<String, long[]> countsAtEnd = newAtDepth;

        List<RewardLine> entries = RewardCalculator.entries(DEFAULT, newAtDepth, countsAtEnd);

        // g: score 10000 + 5000 + 2500 = 17500 < 30000 -> level 1, rate 1.0;
        //    amount = 10000 x 10000 x (10000 + 2000 + 500) / 10^8 = 12500
        // a: score 15000 -> level 1; amount = 10000 x 10000 x 12000 / 10^8 = 12000
        // b: score 10000 -> level 1; amount = 10000 x 10000 x 10000 / 10^8 = 10000
        assertThat(entries)
                .containsExactly(
                        new RewardLine(12000, 2, 1, "a", 10000, 15000),
                        new RewardLine(10000, 1, 1, "b", 10000, 10000),
                        new RewardLine(12500, 3, 1, "g", 10000, 17500));
        assertThat(RewardCalculator.total(entries)).isEqualTo(34500);
    }

    @Test
    void a_star_of_ten_direct_recommendees_reaches_level_three() {
        // score 10 x 10000 = 100000 = 10.0 with 10 direct: tier 3 (10.0, 3); tier 4 needs 30.0
        Map<String, long[]> star = Map.of("g", new long[] {10, 0, 0});

        List<RewardLine> entries = RewardCalculator.entries(DEFAULT, star, star);

        // amount = 10000 x 15000 x (10 x 10000) / 10^8 = 150000
        assertThat(entries).containsExactly(new RewardLine(150000, 10, 3, "g", 15000, 100000));
    }

    @Test
    void a_star_of_three_reaches_level_two_and_a_star_of_two_stays_at_level_one() {
        Map<String, long[]> three = Map.of("g", new long[] {3, 0, 0});
        Map<String, long[]> two = Map.of("g", new long[] {2, 0, 0});

        // three: score 30000 = 3.0 and 3 direct -> tier 2, rate 1.25; 10000 x 12500 x 30000 / 10^8 = 37500
        assertThat(RewardCalculator.entries(DEFAULT, three, three))
                .containsExactly(new RewardLine(37500, 3, 2, "g", 12500, 30000));
        // two: score 20000 = 2.0 < 3.0 -> tier 1; 10000 x 10000 x 20000 / 10^8 = 20000
        assertThat(RewardCalculator.entries(DEFAULT, two, two))
                .containsExactly(new RewardLine(20000, 2, 1, "g", 10000, 20000));
    }

    @Test
    void takes_the_level_from_everyone_registered_before_the_end_but_pays_only_the_new_members() {
        // nine recommendees from earlier cycles, one new in this one
        Map<String, long[]> newAtDepth = Map.of("g", new long[] {1, 0, 0});
        Map<String, long[]> countsAtEnd = Map.of("g", new long[] {10, 0, 0});

        // level 3 (rate 1.5) from all ten; paid for one: 10000 x 15000 x 10000 / 10^8 = 15000
        assertThat(RewardCalculator.entries(DEFAULT, newAtDepth, countsAtEnd))
                .containsExactly(new RewardLine(15000, 1, 3, "g", 15000, 100000));
    }

    @Test
    void floors_once_per_member_and_cycle_not_once_per_event() {
        RewardPolicy smallBase = policy(3, List.of(10000, 2000, 500));
        long[] fiveGrandchildren = {0, 5, 0};

        // per event: 3 x 10000 x 2000 / 10^8 = 0.6, floored to 0 five times = 0
        // per member: 3 x 10000 x (5 x 2000) / 10^8 = 3
        assertThat(RewardCalculator.amount(smallBase, 10000, fiveGrandchildren)).isEqualTo(3);
        // and a fraction is floored: 3 x 10000 x (1 x 10000 + 1 x 2000) / 10^8 = 3.6 -> 3
        assertThat(RewardCalculator.amount(smallBase, 10000, new long[] {1, 1, 0}))
                .isEqualTo(3);
    }

    @Test
    void computes_products_beyond_64_bits_exactly_when_the_quotient_fits() {
        RewardPolicy huge = policy(1_000_000_000_000L, List.of(10000, 2000, 500));

        // 10^12 x 30000 x 10^7 = 3 x 10^23 does not fit a long; / 10^8 = 3 x 10^15 does
        assertThat(RewardCalculator.amount(huge, 30000, new long[] {1000, 0, 0}))
                .isEqualTo(3_000_000_000_000_000L);
    }

    @Test
    void rejects_an_amount_that_does_not_fit_a_long() {
        RewardPolicy huge = policy(Long.MAX_VALUE / 2, List.of(10000, 2000, 500));

        assertThatThrownBy(() -> RewardCalculator.amount(huge, 100000, new long[] {1000, 0, 0}))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ignores_depths_beyond_max_depth_and_members_without_events() {
        RewardPolicy shallow = new RewardPolicy(
                2,
                1,
                List.of(10000),
                List.of(10000),
                10000,
                List.of(new Tier(1, 0, 0, 10000)),
                RewardPolicy.DEFAULT_CURRENCY);
        Map<String, long[]> newAtDepth = Map.of("g", new long[] {0, 4}, "a", new long[] {2, 0});

        assertThat(RewardCalculator.entries(shallow, newAtDepth, newAtDepth))
                .containsExactly(new RewardLine(20000, 2, 1, "a", 10000, 20000));
    }

    private static RewardPolicy policy(long base, List<Integer> shares) {
        RewardPolicy d = RewardPolicy.defaultPolicy();
        return new RewardPolicy(d.version(), d.maxDepth(), d.levelWeightBps(), shares, base, d.tiers(), d.currency());
    }
}
