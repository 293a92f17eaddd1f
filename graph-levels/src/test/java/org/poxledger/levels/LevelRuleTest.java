package org.poxledger.levels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Tier;

class LevelRuleTest {

    private static final LevelRule RULE = LevelRule.of(
            4,
            2,
            List.of(10000, 5000, 2500),
            List.of(new Tier(1, 0, 0, 10000), new Tier(2, 2, 30000, 12500), new Tier(3, 5, 100000, 15000)));

    @Test
    void scores_only_the_policys_depths_and_takes_the_highest_tier_whose_two_thresholds_are_met() {
        assertThat(RULE.weightsBps()).containsExactly(10000, 5000);
        assertThat(RULE.levelOf(new long[] {2, 2, 1000})).isEqualTo(new MemberLevel(30000, 2, 12500, 2));
        // score enough for level 3, but too few direct recruits
        assertThat(RULE.levelOf(new long[] {4, 40})).isEqualTo(new MemberLevel(240000, 2, 12500, 4));
        assertThat(RULE.levelOf(new long[0])).isEqualTo(new MemberLevel(0, 1, 10000, 0));
    }

    @Test
    void an_overflowing_score_is_an_error_not_a_wrap_around() {
        assertThatThrownBy(() -> RULE.levelOf(new long[] {Long.MAX_VALUE / 2})).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void the_parameter_form_reads_back_as_the_same_rule_even_when_the_database_returns_longs() {
        assertThat(LevelRule.fromParameter(RULE.parameter())).isEqualTo(RULE);
        Map<String, Object> asTheDatabaseGivesIt = Map.of(
                "weights",
                List.of(10000L, 5000L),
                "tiers",
                List.of(
                        Map.of("level", 1L, "minDirect", 0L, "minScoreBps", 0L, "rateBps", 10000L),
                        Map.of("level", 2L, "minDirect", 2L, "minScoreBps", 30000L, "rateBps", 12500L),
                        Map.of("level", 3L, "minDirect", 5L, "minScoreBps", 100000L, "rateBps", 15000L)),
                "version",
                4L);
        assertThat(LevelRule.fromParameter(asTheDatabaseGivesIt)).isEqualTo(RULE);
    }

    @Test
    void a_malformed_parameter_is_refused_with_the_entry_named() {
        assertThatThrownBy(() -> LevelRule.fromParameter(Map.of("weights", "10000", "tiers", List.of(), "version", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the level rule's weights must be a list, not 10000");
        assertThatThrownBy(() -> LevelRule.fromParameter(
                        Map.of("weights", List.of(1), "tiers", List.of(Map.of("level", "one")), "version", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the level rule's tiers.level must be an integer, not one");
        assertThatThrownBy(
                        () -> LevelRule.fromParameter(Map.of("weights", List.of(1), "tiers", List.of(), "version", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a level rule needs at least one tier");
    }
}
