package org.poxledger.platform.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;
import org.poxledger.platform.support.LedgerMembers;
import org.poxledger.platform.web.PageOf;

/**
 * The branch-at-a-time reads behind the tree picture, against a real Neo4j: a wide fan (250 recommendees of one
 * member, read a page at a time) next to a chain twelve deep (longer than the schema's maximum depth of ten).
 */
@Tag("graph-only")
class ReferralTreeRepositoryIT {

    private static final int FAN = 250;
    private static final int CHAIN = 12;

    private GraphTestSupport graph;
    private ReferralTreeRepository tree;

    @BeforeEach
    void wideFanAndDeepChain() {
        graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        tree = new ReferralTreeRepository(graph.driver());
        long t = 0;
        graph.projection().project(LedgerMembers.registered("m_root", null, t++));
        graph.projection().project(LedgerMembers.registered("m_hub", "m_root", t++));
        for (int i = 0; i < FAN; i++) {
            graph.projection().project(LedgerMembers.registered(fan(i), "m_hub", t++));
        }
        String up = "m_root";
        for (int i = 1; i <= CHAIN; i++) {
            graph.projection().project(LedgerMembers.registered(chain(i), up, t++));
            up = chain(i);
        }
    }

    @Test
    void lists_one_members_recommendees_a_page_at_a_time_by_registration_time_one_depth_below_them() {
        PageOf<ReferralNode> first = tree.recommendees("m_hub", 1, 0, 100);
        PageOf<ReferralNode> last = tree.recommendees("m_hub", 1, 2, 100);

        assertThat(first.total()).isEqualTo(FAN);
        assertThat(first.items())
                .extracting(ReferralNode::memberId)
                .containsExactlyElementsOf(IntStream.range(0, 100)
                        .mapToObj(ReferralTreeRepositoryIT::fan)
                        .toList());
        assertThat(first.items()).allSatisfy(node -> {
            assertThat(node.depth()).isEqualTo(2);
            assertThat(node.recommenderId()).isEqualTo("m_hub");
            assertThat(node.direct()).isZero();
        });
        assertThat(last.items())
                .extracting(ReferralNode::memberId)
                .containsExactlyElementsOf(IntStream.range(200, FAN)
                        .mapToObj(ReferralTreeRepositoryIT::fan)
                        .toList());
        assertThat(tree.recommendees("m_root", 0, 0, 10).items())
                .extracting(ReferralNode::memberId, ReferralNode::direct)
                .containsExactly(tuple("m_hub", (long) FAN), tuple(chain(1), 1L));
    }

    @Test
    void finds_how_deep_a_member_hangs_below_an_ancestor_and_nothing_for_members_outside_the_branch() {
        assertThat(tree.depthBelow("m_root", "m_root")).isEqualTo(OptionalInt.of(0));
        assertThat(tree.depthBelow("m_root", fan(7))).isEqualTo(OptionalInt.of(2));
        assertThat(tree.depthBelow("m_root", chain(10))).isEqualTo(OptionalInt.of(10));
        assertThat(tree.depthBelow("m_root", chain(11)))
                .as("beyond the schema's ten levels")
                .isEmpty();
        assertThat(tree.depthBelow(chain(3), chain(12))).isEqualTo(OptionalInt.of(9));
        assertThat(tree.depthBelow("m_hub", chain(2))).as("another branch").isEmpty();
        assertThat(tree.depthBelow(fan(1), "m_hub"))
                .as("an ancestor is not below")
                .isEmpty();
        assertThat(tree.depthBelow("m_root", "m_nobody")).isEmpty();
    }

    @Test
    void counts_members_per_depth_from_the_stored_counters_padded_to_the_depth_asked() {
        assertThat(tree.countsPerDepth("m_root", 3)).containsExactly(2L, FAN + 1L, 1L);
        assertThat(tree.countsPerDepth(fan(0), 3)).containsExactly(0L, 0L, 0L);
        assertThat(tree.countsPerDepth("m_nobody", 2)).containsExactly(0L, 0L);
        assertThat(tree.below("m_root", 3, 0, 5).total()).isEqualTo(2 + FAN + 1 + 1);
    }

    private static String fan(int i) {
        return "m_fan%03d".formatted(i);
    }

    private static String chain(int i) {
        return "m_chain%02d".formatted(i);
    }
}
