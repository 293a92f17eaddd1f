package org.poxledger.levels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Tier;

class ReferralForestTest {

    private static final LevelRule RULE = LevelRule.of(
            2, 3, List.of(10000, 5000, 2500), List.of(new Tier(1, 0, 0, 10000), new Tier(2, 2, 20000, 12000)));

    @Test
    void counts_every_depth_from_the_parent_links() {
        ReferralForest<String> forest = build();

        assertThat(forest.expected(0)).startsWith(2, 1, 0); // a: b and c, then d
        assertThat(forest.expected(1)).startsWith(1, 0); // b: d
        assertThat(forest.expected(2)).containsOnly(0); // c
        assertThat(forest.differs(2)).isTrue();
        assertThat(forest.differs(3)).isFalse();
    }

    @Test
    void lists_as_changes_exactly_the_members_whose_counters_or_level_differ() {
        ReferralForest<String> forest = build();
        List<String> changed = new ArrayList<>();
        forest.forEachChange(
                RULE,
                (i, countsDiffer, level) -> changed.add(forest.key(i) + ":" + countsDiffer + ":" + level.level()));

        // a and b gained recruits; c's counters and level are stale; d and e are fresh leaves and stay as they are
        assertThat(changed).containsExactly("a:true:2", "b:true:1", "c:true:1");
    }

    @Test
    void lists_a_member_whose_counters_are_right_but_whose_level_is_not_the_rules() {
        // x holds the counters its recruits give but the level of an earlier policy
        ReferralForest.Builder<String> builder = new ReferralForest.Builder<>();
        builder.add("x", null, new long[] {2}, 1);
        builder.addFresh("y", "x");
        builder.addFresh("z", "x");
        ReferralForest<String> forest = builder.build();
        List<String> changed = new ArrayList<>();
        forest.forEachChange(
                RULE,
                (i, countsDiffer, level) -> changed.add(forest.key(i) + ":" + countsDiffer + ":" + level.level()));

        assertThat(changed).containsExactly("x:false:2");
    }

    @Test
    void a_forest_read_by_long_keys_in_parts_and_joined_is_the_forest_read_at_once() {
        ReferralForest<String> whole = build();
        // the same tree, keyed as the procedure keys it (node ids: a=10, b=11, ...), read in two parts
        ReferralForest.LongKeyBuilder first = new ReferralForest.LongKeyBuilder(2);
        first.add(10, ReferralForest.LongKeyBuilder.NO_RECOMMENDER, new long[0], 1);
        first.add(11, 10, new long[0], 1);
        ReferralForest.LongKeyBuilder second = new ReferralForest.LongKeyBuilder(2);
        second.add(12, 10, new long[] {5}, 2);
        second.add(13, 11, new long[0], 1);
        second.add(14, ReferralForest.LongKeyBuilder.NO_RECOMMENDER, new long[0], 1);
        first.addAll(second);
        ReferralForest<Long> joined = first.build();

        assertThat(joined.size()).isEqualTo(whole.size());
        for (int i = 0; i < whole.size(); i++) {
            assertThat(joined.key(i)).isEqualTo(10L + whole.key(i).charAt(0) - 'a');
            assertThat(joined.expected(i)).isEqualTo(whole.expected(i));
            assertThat(joined.stored(i)).isEqualTo(whole.stored(i));
            assertThat(joined.storedLevel(i)).isEqualTo(whole.storedLevel(i));
            assertThat(joined.differs(i)).isEqualTo(whole.differs(i));
        }
    }

    @Test
    void a_recommender_outside_the_members_read_leaves_its_member_a_root() {
        ReferralForest.LongKeyBuilder builder = new ReferralForest.LongKeyBuilder(1);
        builder.add(1, 99, null, null);
        builder.add(2, 1, null, null);
        ReferralForest<Long> forest = builder.build();

        assertThat(forest.expected(0)).startsWith(1, 0);
        assertThat(forest.stored(0)).isNull();
        assertThat(forest.storedLevel(0)).isNull();
    }

    /** a → b → d, a → c; e alone; every node fresh but c, which holds stale counters and level 2 */
    private static ReferralForest<String> build() {
        ReferralForest.Builder<String> builder = new ReferralForest.Builder<>();
        builder.addFresh("a", null);
        builder.addFresh("b", "a");
        builder.add("c", "a", new long[] {5}, 2);
        builder.addFresh("d", "b");
        builder.addFresh("e", null);
        return builder.build();
    }
}
