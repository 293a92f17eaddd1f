package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.CrashingLedger;
import org.poxledger.platform.testrig.GraphSnapshot;
import org.poxledger.platform.testrig.PoxRig;
import org.poxledger.platform.wallet.TransferRequest;

class ChaincodeEventListenerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private PoxRig rig;
    private ChaincodeEventListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void projects_what_only_the_ledger_saw_and_checkpoints_each_event() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        LedgerResult missed = rig.joinOnLedgerOnly("x", "g");
        listener = ProjectionWiring.listener(rig, rig.ledger);

        listener.start();

        assertThat(listener.awaitBlock(missed.blockNumber(), WAIT)).isTrue();
        assertThat(count("MATCH (:Member {memberId: 'g'})-[:RECOMMENDED]->(:Member {memberId: 'x'})"
                        + " RETURN count(*) AS n"))
                .isEqualTo(1);
        assertThat(count("MATCH (g:Member {memberId: 'g'}) RETURN g.counts[0] AS n"))
                .isEqualTo(1);
        assertThat(new CheckpointRepository(rig.driver).load())
                .contains(new ProjectionCheckpoint(missed.blockNumber(), missed.transactionId()));
    }

    @Test
    void applying_every_event_again_changes_nothing() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        liveActivity();
        listener = ProjectionWiring.listener(rig, rig.ledger);
        listener.start();
        assertThat(listener.awaitBlock(rig.lastBlock(), WAIT)).isTrue();
        listener.stop();
        List<String> before = GraphSnapshot.of(rig.driver);

        LedgerEventDispatcher dispatcher = ProjectionWiring.dispatcher(rig);
        List<LedgerEvent> events = rig.events();
        events.forEach(dispatcher::apply);
        events.reversed().forEach(dispatcher::replay);

        assertThat(events)
                .extracting(LedgerEvent::name)
                .contains(
                        "MemberRegistered",
                        "MemberSuspended",
                        "RewardChunkPaid",
                        "RewardHoldReleased",
                        "TransferCompleted",
                        "PolicyPublished");
        assertThat(GraphSnapshot.of(rig.driver)).isEqualTo(before);
    }

    @Test
    void resumes_after_a_restart_from_the_checkpoint_without_applying_old_events_again() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.join("a", "g");
        listener = ProjectionWiring.listener(rig, rig.ledger);
        listener.start();
        assertThat(listener.awaitBlock(rig.lastBlock(), WAIT)).isTrue();
        listener.stop();

        rig.joinOnLedgerOnly("y", "a");
        LedgerResult last = rig.joinOnLedgerOnly("z", "a");
        listener = ProjectionWiring.listener(rig, rig.ledger);
        listener.start();

        assertThat(listener.awaitBlock(last.blockNumber(), WAIT)).isTrue();
        assertThat(listener.appliedEvents()).isEqualTo(2);
        assertThat(count("MATCH (:Member {memberId: 'a'})-[:RECOMMENDED]->(c) RETURN count(c) AS n"))
                .isEqualTo(2);
        assertThat(count("MATCH (g:Member {memberId: 'g'}) RETURN g.counts[1] AS n"))
                .isEqualTo(2);
    }

    @Test
    void catches_up_a_long_backlog_in_batches_and_reports_no_lag_once_done() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        LedgerResult last = null;
        for (int i = 0; i < 300; i++) {
            String recommender = i < 10 ? "g" : "c" + (i / 10 - 1);
            last = rig.joinOnLedgerOnly("c" + i, recommender);
            if (i % 10 == 0) {
                rig.submit("members:VerifyMember", "c" + (i / 10));
            }
        }
        listener = new ChaincodeEventListener(
                rig.ledger,
                ProjectionWiring.dispatcher(rig),
                new CheckpointRepository(rig.driver),
                new ProjectionProperties(true, Duration.ofMillis(10), Duration.ofMillis(100), null, null, 64),
                rig.clock,
                false);

        listener.start();

        assertThat(listener.awaitBlock(rig.lastBlock(), WAIT)).isTrue();
        assertThat(rig.graph.counters().check().consistent()).isTrue();
        assertThat(count("MATCH (:Member)-[r:RECOMMENDED]->(:Member) RETURN count(r) AS n"))
                .isEqualTo(300);
        ProjectionProgress progress = listener.progress();
        assertThat(progress.listening()).isTrue();
        assertThat(progress.appliedBlock()).isEqualTo(rig.lastBlock());
        assertThat(progress.ledgerBlock()).isEqualTo(rig.lastBlock());
        assertThat(progress.lagBlocks()).isZero();
        assertThat(new CheckpointRepository(rig.driver).load().orElseThrow().blockNumber())
                .isGreaterThanOrEqualTo(last.blockNumber());
    }

    @Test
    void reconnects_with_backoff_when_the_event_stream_fails() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        LedgerResult genesis = rig.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), "g", PoxRig.accountHash("g"));
        CrashingLedger flaky = new CrashingLedger(rig.base, "none", 0, 2);
        listener = ProjectionWiring.listener(rig, flaky);

        listener.start();

        assertThat(listener.awaitBlock(genesis.blockNumber(), WAIT)).isTrue();
        assertThat(flaky.streamsOpened()).isEqualTo(3);
        assertThat(count("MATCH (m:Member {memberId: 'g'}) RETURN count(m) AS n"))
                .isEqualTo(1);
    }

    @Test
    void the_projection_barrier_returns_only_once_what_the_ledger_committed_is_in_the_graph() throws Exception {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.joinOnLedgerOnly("x", "g");
        // two failing streams first: the listener is still backing off when the barrier is asked
        CrashingLedger slow = new CrashingLedger(rig.base, "none", 0, 2);
        listener = ProjectionWiring.listener(rig, slow);
        ListenerProjectionBarrier barrier =
                new ListenerProjectionBarrier(rig.ledger, listener, ProjectionWiring.FAST_RETRY);

        listener.start();
        barrier.awaitCommitted();

        assertThat(count("MATCH (:Member {memberId: 'g'})-[:RECOMMENDED]->(:Member {memberId: 'x'})"
                        + " RETURN count(*) AS n"))
                .isEqualTo(1);
        assertThat(listener.appliedBlock()).isEqualTo(rig.lastBlock());
    }

    @Test
    void the_projection_barrier_does_not_wait_for_blocks_without_events_of_the_chaincode() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        listener = ProjectionWiring.listener(rig, rig.ledger);
        listener.start();
        ListenerProjectionBarrier barrier =
                new ListenerProjectionBarrier(rig.ledger, listener, ProjectionWiring.FAST_RETRY);

        barrier.awaitCommitted();

        assertThat(rig.ledger.lastEventBlock(listener.appliedBlock() + 1, rig.lastBlock()))
                .isEmpty();
    }

    /** Members, a suspension, a paid cycle with a released hold, and a transfer: every event kind. */
    private void liveActivity() {
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        rig.suspend("a");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        rig.rewards.holds().release(cycle.cycleId(), "a", "admin");
        rig.reinstate("a");
        rig.wallet.transfer("g", "t1", new TransferRequest(null, "b", 700L, "thanks"));
    }

    private long count(String cypher) {
        return rig.driver
                .executableQuery(cypher)
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }
}
