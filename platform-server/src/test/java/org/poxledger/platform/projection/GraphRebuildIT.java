package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.CycleState;
import org.poxledger.platform.reward.RewardCycleRunner;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.reward.RewardWiring;
import org.poxledger.platform.testrig.CrashingLedger;
import org.poxledger.platform.testrig.GraphSnapshot;
import org.poxledger.platform.testrig.PoxRig;
import org.poxledger.platform.wallet.TransferRequest;

class GraphRebuildIT {

    private static final Duration IDLE = Duration.ofSeconds(5);

    private PoxRig rig;

    @AfterEach
    void closeLedger() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void the_graph_rebuilt_from_block_zero_equals_the_live_graph_and_keeps_personal_data() {
        rig = PoxRig.start(RewardProperties.defaults().withChunkSize(2));
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        rig.join("c", "b");
        rig.genesis("h");
        rig.join("h1", "h");
        rig.join("h2", "h");
        rig.joinUnverified("h3", "h");
        rig.suspend("h");
        CyclePlan first = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(first.cycleId());
        rig.rewards.holds().release(first.cycleId(), "h", "admin");
        rig.reinstate("h");
        rig.join("d", "c");
        CyclePlan second = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(second.cycleId());
        rig.wallet.transfer("h", "t1", new TransferRequest(null, "a", 1500L, "thanks"));
        rig.wallet.transfer("a", "t2", new TransferRequest(null, "d", 200L, ""));
        rig.driver
                .executableQuery(
                        "MATCH (m:Member {memberId: 'a'}) SET m.displayName = 'Alice', m.email = 'alice@example.org',"
                                + " m.account = 'email:alice@example.org'")
                .execute();
        List<String> live = GraphSnapshot.of(rig.driver);

        RebuildReport report = ProjectionWiring.rebuild(rig, ProjectionWiring.listener(rig, rig.ledger))
                .rebuild(rig.lastBlock(), IDLE);

        assertThat(GraphSnapshot.of(rig.driver)).isEqualTo(live);
        assertThat(live).anyMatch(line -> line.startsWith("member a ") && line.contains("name=Alice"));
        assertThat(report.lastBlock()).isEqualTo(rig.lastBlock());
        assertThat(report.members()).isEqualTo(9);
        assertThat(report.membersNotOnLedger()).isEmpty();
        assertThat(report.cyclesNotRestored()).isEmpty();
        assertThat(report.counterMismatches()).isZero();
        assertThat(new CheckpointRepository(rig.driver).load().orElseThrow().blockNumber())
                .isEqualTo(rig.lastBlock());
    }

    @Test
    void a_cycle_interrupted_before_the_graph_was_lost_is_restored_and_finished_without_paying_twice() {
        CyclePlan plan = cycleInterruptedAfterTwoChunks();

        RebuildReport report = ProjectionWiring.rebuild(rig, ProjectionWiring.listener(rig, rig.ledger))
                .rebuild(rig.lastBlock(), IDLE);

        assertThat(report.cyclesNotRestored()).isEmpty();
        CyclePlan restored = rig.rewards.cycles().cycle(plan.cycleId());
        assertThat(restored.state()).isEqualTo(CycleState.PAYING);
        assertThat(restored.merkleRoot()).isEqualTo(plan.merkleRoot());
        assertThat(restored.totalAmount()).isEqualTo(72000);
        assertThat(rig.rewards.pendingChunks(plan.cycleId())).containsExactly(2, 3);
        RewardCycleRunner runner = rig.rewards.otherInstance(
                rig.driver, rig.base, rig.wallets, rig.rewardProperties, rig.clock, rig.meters, "instance-b");
        assertThat(runner.run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertPaidOnce();
    }

    @Test
    void a_cycle_restored_by_an_instance_with_another_chunk_size_resumes_in_the_ranges_the_ledger_recorded() {
        CyclePlan plan = cycleInterruptedAfterTwoChunks();
        // chunks of 3 would cut the 4 entries [0..2] [3]; the ledger recorded chunks of 1, two of them paid
        RewardWiring other = RewardWiring.create(
                rig.driver,
                rig.base,
                rig.policies,
                rig.wallets,
                RewardProperties.defaults().withChunkSize(3).withParallelChunks(1),
                rig.clock,
                rig.meters,
                "instance-b");

        RebuildReport report = ProjectionWiring.rebuild(rig, ProjectionWiring.listener(rig, rig.ledger, other), other)
                .rebuild(rig.lastBlock(), IDLE);

        assertThat(report.cyclesNotRestored()).isEmpty();
        assertThat(other.pendingChunks(plan.cycleId())).containsExactly(2, 3);
        assertThat(other.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertPaidOnce();
    }

    /** The chain-and-star cycle in chunks of one member, its runner crashed after two of them were paid. */
    private CyclePlan cycleInterruptedAfterTwoChunks() {
        rig = PoxRig.start(
                RewardProperties.defaults().withChunkSize(1).withParallelChunks(1),
                ledger -> new CrashingLedger(ledger, Transaction.PAY_REWARD_CHUNK.wireName(), 2, 0));
        rig.chainAndStar();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        assertThatThrownBy(() -> rig.rewards.runner().run(plan.cycleId()))
                .isInstanceOf(CrashingLedger.SimulatedCrash.class);
        return plan;
    }

    /** Every member of the chain-and-star cycle got its reward exactly once. */
    private void assertPaidOnce() {
        assertThat(Map.of("g", rig.balance("g"), "a", rig.balance("a"), "b", rig.balance("b"), "h", rig.balance("h")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("g", 12500L, "a", 12000L, "b", 10000L, "h", 37500L));
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
    }

    @Test
    void keeps_and_reports_a_member_node_that_no_ledger_event_confirms() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.driver
                .executableQuery("CREATE (:Member {memberId: 'ghost', registeredAt: 5, displayName: 'Casper'})")
                .execute();

        RebuildReport report = ProjectionWiring.rebuild(rig, ProjectionWiring.listener(rig, rig.ledger))
                .rebuild(rig.lastBlock(), IDLE);

        assertThat(report.membersNotOnLedger()).containsExactly("ghost");
        assertThat(rig.driver
                        .executableQuery("MATCH (m:Member {memberId: 'ghost'}) RETURN m.displayName AS name")
                        .execute()
                        .records()
                        .getFirst()
                        .get("name")
                        .asString())
                .isEqualTo("Casper");
    }
}
