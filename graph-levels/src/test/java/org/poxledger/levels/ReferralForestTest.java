package org.poxledger.levels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Tier;

class ReferralForestTest {

    private static final LevelRule RULE = LevelRule.of(
            2, 3, List.of(10000, 5000, 2500), List.of(new Tier(1, 0, 0, 10000), new Tier(2, 2, 20000, 12000)));

    /** a → b → d, a → c; e alone; every node fresh but c, which holds stale counters and level 2 */
    private static void addTree(ReferralForest.Builder<String> forest, boolean part) {
        if (!part) {
            forest.addFresh("a", null);
            forest.addFresh("b", "a");
        }
        if (part) {
            forest.add("c", "a", new long[] {5}, 2);
            forest.addFresh("d", "b");
            forest.addFresh("e", null);
        }
    }

    @Test
    void counts_every_depth_from_the_parent_links() {
        ReferralForest<String> forest = build(false);

        assertThat(forest.expected(0)).startsWith(2, 1, 0); // a: b and c, then d
        assertThat(forest.expected(1)).startsWith(1, 0); // b: d
        assertThat(forest.expected(2)).containsOnly(0); // c
        assertThat(forest.differs(2)).isTrue();
        assertThat(forest.differs(3)).isFalse();
    }

    @Test
    void lists_as_changes_exactly_the_members_whose_counters_or_level_differ() {
        ReferralForest<String> forest = build(false);
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
    void a_forest_read_in_parts_and_joined_is_the_forest_read_at_once() {
        ReferralForest<String> whole = build(false);
        ReferralForest<String> joined = build(true);

        assertThat(joined.size()).isEqualTo(whole.size());
        for (int i = 0; i < whole.size(); i++) {
            assertThat(joined.key(i)).isEqualTo(whole.key(i));
            assertThat(joined.expected(i)).isEqualTo(whole.expected(i));
            assertThat(joined.stored(i)).isEqualTo(whole.stored(i));
            assertThat(joined.storedLevel(i)).isEqualTo(whole.storedLevel(i));
            assertThat(joined.differs(i)).isEqualTo(whole.differs(i));
        }
    }

    private static ReferralForest<String> build(boolean inParts) {
        ReferralForest.Builder<String> first = new ReferralForest.Builder<>();
        addTree(first, false);
        if (inParts) {
            ReferralForest.Builder<String> second = new ReferralForest.Builder<>();
            addTree(second, true);
            first.addAll(second);
        } else {
            addTree(first, true);
        }
        return first.build();
    }
}
