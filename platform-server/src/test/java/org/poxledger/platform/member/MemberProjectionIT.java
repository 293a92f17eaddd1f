package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poxledger.platform.support.LedgerMembers.json;
import static org.poxledger.platform.support.LedgerMembers.registered;
import static org.poxledger.platform.support.LedgerMembers.withStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.level.LevelChange;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;

@Tag("graph-only")
class MemberProjectionIT {

    private GraphTestSupport graph;
    private MemberProjection projection;

    @BeforeEach
    void freshGraph() {
        graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        projection = graph.projection();
    }

    @Test
    void counts_a_registration_exactly_once_even_when_its_event_is_applied_again() {
        projection.apply("MemberRegistered", json(registered("m_root", null, 1)));
        Member child = registered("m_child", "m_root", 2);
        Member grandchild = registered("m_grandchild", "m_child", 3);

        assertThat(projection.apply("MemberRegistered", json(child))).isEqualTo(MemberProjection.Outcome.REGISTERED);
        assertThat(projection.apply("MemberRegistered", json(grandchild)))
                .isEqualTo(MemberProjection.Outcome.REGISTERED);
        assertThat(projection.apply("MemberRegistered", json(grandchild))).isEqualTo(MemberProjection.Outcome.UPDATED);
        assertThat(projection.project(child)).isEqualTo(MemberProjection.Outcome.UPDATED);

        assertThat(counts("m_root")).startsWith(1L, 1L, 0L);
        assertThat(counts("m_child")).startsWith(1L, 0L);
        assertThat(count("MATCH ()-[r:RECOMMENDED]->() RETURN count(r) AS n")).isEqualTo(2);
        assertThat(graph.counters().check().consistent()).isTrue();
    }

    @Test
    void keeps_the_newest_status_when_status_events_arrive_out_of_order() {
        Member root = registered("m_root", null, 1);
        projection.project(root);
        Member member = registered("m_a", "m_root", 2);
        projection.project(member);

        projection.apply("MemberSuspended", json(withStatus(member, MemberStatus.SUSPENDED, 30)));
        projection.apply("MemberVerified", json(withStatus(member, MemberStatus.VERIFIED, 20)));
        projection.apply("MemberRegistered", json(member));

        assertThat(graphStatus("m_a")).isEqualTo("SUSPENDED");
        projection.apply("MemberReinstated", json(withStatus(member, MemberStatus.VERIFIED, 40)));
        assertThat(graphStatus("m_a")).isEqualTo("VERIFIED");
    }

    @Test
    void a_replayed_registration_in_the_same_millisecond_does_not_undo_the_verification() {
        projection.project(registered("m_root", null, 1));
        Member member = registered("m_b", "m_root", 5);
        projection.project(member);
        projection.apply("MemberVerified", json(withStatus(member, MemberStatus.VERIFIED, 5)));

        projection.apply("MemberRegistered", json(member));

        assertThat(graphStatus("m_b")).isEqualTo("VERIFIED");
    }

    @Test
    void a_status_event_for_a_member_never_seen_registers_it_once() {
        projection.project(registered("m_root", null, 1));
        Member member = registered("m_a", "m_root", 2);

        projection.apply("MemberVerified", json(withStatus(member, MemberStatus.VERIFIED, 5)));
        projection.apply("MemberRegistered", json(member));

        assertThat(graphStatus("m_a")).isEqualTo("VERIFIED");
        assertThat(counts("m_root")).startsWith(1L);
    }

    @Test
    void refuses_a_member_whose_recommender_is_not_in_the_graph_and_writes_nothing() {
        assertThatThrownBy(() -> projection.project(registered("m_orphan", "m_missing", 1)))
                .isInstanceOf(GraphProjectionException.class)
                .hasMessageContaining("m_orphan")
                .hasMessageContaining("m_missing");

        assertThat(count("MATCH (m:Member) RETURN count(m) AS n")).isZero();
    }

    @Test
    void rejects_events_that_are_not_member_events() {
        assertThatThrownBy(() -> projection.apply("TransferCompleted", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TransferCompleted");
        assertThatThrownBy(() -> projection.apply("MemberRegistered", "{\"memberId\":\"m_x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a ledger Member JSON");
        assertThat(count("MATCH (m:Member) RETURN count(m) AS n")).isZero();
    }

    @Test
    void records_a_level_change_with_the_registration_time_when_an_ancestor_reaches_the_next_tier() {
        projection.project(registered("m_g", null, 1));
        projection.project(registered("m_a", "m_g", 2));
        projection.project(registered("m_b", "m_g", 3));
        projection.project(registered("m_c", "m_a", 4));
        assertThat(graph.levels().history("m_g")).isEmpty();

        Member fourth = registered("m_d", "m_a", 5); // score 2×1.0 + 2×0.5 = 3.0 with 2 direct: level 2
        projection.project(fourth);
        projection.project(fourth);

        List<LevelChange> history = graph.levels().history("m_g");
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().fromLevel()).isEqualTo(1);
        assertThat(history.getFirst().toLevel()).isEqualTo(2);
        assertThat(history.getFirst().scoreBps()).isEqualTo(30000);
        assertThat(history.getFirst().changedAt().toEpochMilli()).isEqualTo(5);
        assertThat(history.getFirst().cause()).isEqualTo("registration m_d");
        assertThat(graph.levels().standing("m_g").level()).isEqualTo(2);
    }

    @Test
    void concurrent_registrations_under_shared_ancestors_lose_no_count() throws Exception {
        projection.project(registered("m_0", null, 0));
        for (int i = 1; i <= 5; i++) {
            projection.project(registered("m_" + i, "m_" + (i - 1), i));
        }
        int perThread = 40;
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < perThread; i++) {
                        String parent = "m_" + random.nextInt(6);
                        projection.project(registered("m_t" + thread + "_" + i, parent, 100 + i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        long registered = count("MATCH (m:Member) RETURN count(m) AS n");
        assertThat(registered).isEqualTo(6 + (long) perThread * threads);
        long belowRoot = counts("m_0").stream().mapToLong(Long::longValue).sum();
        assertThat(belowRoot).isEqualTo(registered - 1);
        assertThat(graph.counters().check().mismatches()).isEmpty();
    }

    private List<Long> counts(String memberId) {
        return graph.driver()
                .executableQuery("MATCH (m:Member {memberId: $id}) RETURN m.counts AS counts")
                .withParameters(Map.of("id", memberId))
                .execute()
                .records()
                .getFirst()
                .get("counts")
                .asList(v -> v.asLong());
    }

    private String graphStatus(String memberId) {
        return graph.driver()
                .executableQuery("MATCH (m:Member {memberId: $id}) RETURN m.status AS status")
                .withParameters(Map.of("id", memberId))
                .execute()
                .records()
                .getFirst()
                .get("status")
                .asString();
    }

    private long count(String query) {
        return graph.driver()
                .executableQuery(query)
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }
}
