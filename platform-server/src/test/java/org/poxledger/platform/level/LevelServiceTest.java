package org.poxledger.platform.level;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.poxledger.platform.policy.RewardPolicy;

/** DESIGN §5 with the default policy: weights [1.0, 0.5, 0.25], tiers by score and direct recommendees. */
class LevelServiceTest {

    private final RewardPolicy policy = RewardPolicy.defaultPolicy();

    @Test
    void a_new_member_is_level_1_and_needs_score_3_and_two_direct_for_level_2() {
        MemberStanding standing = LevelService.standingOf("m_new", policy, new long[10]);

        assertThat(standing.level()).isEqualTo(1);
        assertThat(standing.rateBps()).isEqualTo(10000);
        assertThat(standing.countsByDepth()).containsExactly(0L, 0L, 0L);
        assertThat(standing.nextLevel().level()).isEqualTo(2);
        assertThat(standing.nextLevel().missingScoreBps()).isEqualTo(30000);
        assertThat(standing.nextLevel().missingDirect()).isEqualTo(2);
    }

    @Test
    void a_high_score_without_enough_direct_recommendees_stays_at_the_lower_level() {
        // 1 direct, 40 at depth 2: score 1.0 + 20.0 = 21.0 reaches level 3's score, but level 2 needs 2 direct
        MemberStanding standing = LevelService.standingOf("m_x", policy, new long[] {1, 40, 0});

        assertThat(standing.scoreBps()).isEqualTo(210000);
        assertThat(standing.level()).isEqualTo(1);
        assertThat(standing.nextLevel().missingScoreBps()).isZero();
        assertThat(standing.nextLevel().missingDirect()).isEqualTo(1);
    }

    @Test
    void depths_beyond_the_policy_do_not_count_and_the_top_level_has_no_next_level() {
        long[] counts = {10, 100, 100, 1_000_000, 0, 0, 0, 0, 0, 0};
        MemberStanding standing = LevelService.standingOf("m_top", policy, counts);

        assertThat(standing.scoreBps()).isEqualTo(10 * 10000 + 100 * 5000 + 100 * 2500);
        assertThat(standing.level()).isEqualTo(4);
        assertThat(standing.nextLevel().level()).isEqualTo(5);
        MemberStanding top = LevelService.standingOf("m_top", policy, new long[] {10, 200, 0});
        assertThat(top.level()).isEqualTo(5);
        assertThat(top.rateBps()).isEqualTo(30000);
        assertThat(top.nextLevel()).isNull();
    }
}
