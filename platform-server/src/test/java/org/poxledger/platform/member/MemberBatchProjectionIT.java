package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;
import org.poxledger.platform.support.LedgerMembers;
import org.poxledger.platform.testrig.GraphSnapshot;

class MemberBatchProjectionIT {

    @Test
    void a_batch_leaves_the_graph_that_projecting_each_event_alone_leaves() {
        List<Member> events = ledgerHistory(new Random(11), 400);

        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        events.forEach(graph.projection()::project);
        List<String> oneByOne = GraphSnapshot.of(graph.driver());
        List<String> changesOneByOne = levelChanges(graph);

        graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        for (int from = 0; from < events.size(); from += 97) {
            graph.batchProjection().projectAll(events.subList(from, Math.min(events.size(), from + 97)));
        }

        assertThat(GraphSnapshot.of(graph.driver())).isEqualTo(oneByOne);
        assertThat(levelChanges(graph)).isEqualTo(changesOneByOne).isNotEmpty();
        assertThat(graph.counters().check().consistent()).isTrue();
    }

    @Test
    void replaying_a_batch_or_overlapping_the_single_projection_counts_nobody_twice() {
        List<Member> events = ledgerHistory(new Random(12), 200);
        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        events.subList(0, 120).forEach(graph.projection()::project);

        int counted = graph.batchProjection().projectAll(events);
        List<String> once = GraphSnapshot.of(graph.driver());
        List<String> changesOnce = levelChanges(graph);
        int countedAgain = graph.batchProjection().projectAll(events);

        long alreadyCounted =
                events.subList(0, 120).stream().map(Member::memberId).distinct().count();
        assertThat(counted).isEqualTo(200 - alreadyCounted);
        assertThat(countedAgain).isZero();
        assertThat(GraphSnapshot.of(graph.driver())).isEqualTo(once);
        assertThat(levelChanges(graph)).isEqualTo(changesOnce);
        assertThat(graph.counters().check().consistent()).isTrue();
    }

    @Test
    void counting_in_the_database_leaves_the_graph_that_counting_in_cypher_leaves() {
        List<Member> events = ledgerHistory(new Random(13), 400);
        List<List<String>> graphs = new ArrayList<>();
        List<List<String>> changes = new ArrayList<>();
        for (int path = 0; path < 4; path++) {
            GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
            switch (path) {
                case 0 -> events.forEach(graph.cypherProjection()::project);
                case 1 -> events.forEach(graph.projection()::project);
                case 2 -> inBatches(events, graph.cypherBatchProjection());
                default -> inBatches(events, graph.batchProjection());
            }
            graphs.add(GraphSnapshot.of(graph.driver()));
            changes.add(levelChanges(graph));
            assertThat(graph.counters().check().consistent()).isTrue();
        }

        assertThat(changes.getFirst()).isNotEmpty();
        assertThat(graphs).allSatisfy(graph -> assertThat(graph).isEqualTo(graphs.getFirst()));
        assertThat(changes).allSatisfy(change -> assertThat(change).isEqualTo(changes.getFirst()));
    }

    @Test
    void a_batch_whose_recommender_is_nowhere_writes_nothing_on_either_path() {
        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        graph.projection().project(LedgerMembers.registered("g", null, 1));
        List<String> before = GraphSnapshot.of(graph.driver());

        List<Member> batch =
                List.of(LedgerMembers.registered("a", "g", 2), LedgerMembers.registered("orphan", "ghost", 3));

        for (MemberBatchProjection projection : List.of(graph.batchProjection(), graph.cypherBatchProjection())) {
            assertThatThrownBy(() -> projection.projectAll(batch))
                    .isInstanceOf(GraphProjectionException.class)
                    .hasMessageContaining("orphan")
                    .hasMessageContaining("ghost");
            assertThat(GraphSnapshot.of(graph.driver())).isEqualTo(before);
        }
    }

    private static void inBatches(List<Member> events, MemberBatchProjection projection) {
        for (int from = 0; from < events.size(); from += 97) {
            projection.projectAll(events.subList(from, Math.min(events.size(), from + 97)));
        }
    }

    /**
     * Registrations of a random forest (chains deeper than ten, fans wide enough to change levels), interleaved with
     * verifications and suspensions, some in the same millisecond as the registration.
     */
    static List<Member> ledgerHistory(Random random, int members) {
        List<Member> events = new ArrayList<>();
        long time = 1_000;
        for (int i = 0; i < members; i++) {
            String recommender =
                    i == 0 ? null : "m" + (random.nextInt(4) == 0 ? i - 1 : random.nextInt(Math.max(1, i / 3)));
            Member member = LedgerMembers.registered("m" + i, recommender, time += 7);
            events.add(member);
            if (random.nextInt(3) == 0) {
                events.add(LedgerMembers.withStatus(member, MemberStatus.VERIFIED, time + random.nextInt(2)));
            }
            if (random.nextInt(20) == 0) {
                events.add(LedgerMembers.withStatus(member, MemberStatus.SUSPENDED, time + 3));
            }
        }
        return events;
    }

    static List<String> levelChanges(GraphTestSupport graph) {
        return graph.driver().executableQuery("""
                        MATCH (m:Member)-[:LEVEL_CHANGED]->(c:LevelChange)
                        RETURN m.memberId + ' ' + c.fromLevel + '->' + c.toLevel + ' score=' + c.scoreBps
                            + ' v' + c.policyVersion + ' at=' + c.changedAt + ' ' + c.cause AS line
                        ORDER BY line
                        """).execute().records().stream()
                .map(r -> r.get("line").asString())
                .toList();
    }
}
