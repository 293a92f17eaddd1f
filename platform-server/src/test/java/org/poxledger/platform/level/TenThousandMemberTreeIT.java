package org.poxledger.platform.level;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.support.GraphTestSupport;
import org.poxledger.platform.support.LedgerMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Measures a generated 10,000-member tree: registration through the graph projection, then a full recompute. */
@Tag("graph-only")
class TenThousandMemberTreeIT {

    private static final Logger log = LoggerFactory.getLogger(TenThousandMemberTreeIT.class);
    private static final int MEMBERS = 10_000;

    @Test
    void ten_thousand_registrations_project_and_recompute_to_the_same_counters() {
        GraphTestSupport graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        int[] parent = LevelEngineIT.randomForest(new Random(10_000), MEMBERS);

        long started = System.nanoTime();
        for (int i = 0; i < MEMBERS; i++) {
            graph.projection()
                    .project(LedgerMembers.registered(
                            LevelEngineIT.id(i), parent[i] < 0 ? null : LevelEngineIT.id(parent[i]), i));
        }
        long projectMillis = (System.nanoTime() - started) / 1_000_000;

        DepthCounterRecomputer.Recompute recompute = graph.counters().recompute();
        long checkStarted = System.nanoTime();
        DepthCounterRecomputer.CounterCheck check = graph.counters().check();
        long checkMillis = (System.nanoTime() - checkStarted) / 1_000_000;

        log.info(
                "10,000-member tree: projection {} ms ({} registrations/s), full recompute {} ms, check {} ms",
                projectMillis,
                MEMBERS * 1000L / Math.max(1, projectMillis),
                recompute.millis(),
                checkMillis);
        assertThat(recompute.members()).isEqualTo(MEMBERS);
        assertThat(recompute.corrected()).isZero();
        assertThat(check.consistent()).isTrue();
        long[][] exact = LevelEngineIT.bruteForceCounts(parent);
        assertThat(graph.levels().standing(LevelEngineIT.id(0)).countsByDepth())
                .containsExactly(exact[0][0], exact[0][1], exact[0][2]);
    }
}
