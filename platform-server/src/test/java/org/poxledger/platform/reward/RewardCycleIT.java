package org.poxledger.platform.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.ledger.ForwardingLedgerConnection;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.platform.testrig.CrashingLedger;
import org.poxledger.platform.testrig.PoxRig;

/**
 * Reward cycles end to end: the real chaincode (embedded ledger) and a real Neo4j. Amounts are hand-computed from the
 * default policy (base 10000, shares [10000, 2000, 500], tier 2 at score 3.0 with 2 direct pays 1.25).
 */
class RewardCycleIT {

    private PoxRig rig;

    @AfterEach
    void closeLedger() {
        if (rig != null) {
            rig.close();
        }
    }

    /** {@link PoxRig#chainAndStar()}: g 12500, a 12000, b 10000, h 37500, c nothing: 72000 in all. */
    private void firstCycleTree() {
        rig.chainAndStar();
    }

    @Test
    void retries_a_chunk_while_the_ledger_is_unavailable_and_pays_it_once() {
        AtomicInteger outages = new AtomicInteger(2);
        AtomicInteger attempts = new AtomicInteger();
        rig = PoxRig.start(
                new RewardProperties(null, null, null, null, 3, Duration.ofMillis(1), null),
                ledger -> new UnavailableFirst(ledger, outages, attempts));
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");

        assertThat(rig.rewards.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
    }

    @Test
    void gives_a_chunk_up_as_interrupted_once_its_attempts_are_spent() {
        AtomicInteger attempts = new AtomicInteger();
        rig = PoxRig.start(
                new RewardProperties(null, null, null, null, 3, Duration.ofMillis(1), null),
                ledger -> new UnavailableFirst(ledger, new AtomicInteger(Integer.MAX_VALUE), attempts));
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");

        assertThat(rig.rewards.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.INTERRUPTED);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(rig.money.totalSupply()).isZero();
    }

    /** Answers the first {@code outages} reward chunks with LEDGER_UNAVAILABLE, as an unreachable peer would. */
    /** Reward chunks meet an outage first; every other call goes through. */
    private static final class UnavailableFirst extends ForwardingLedgerConnection {

        private final AtomicInteger outages;
        private final AtomicInteger attempts;

        UnavailableFirst(LedgerConnection delegate, AtomicInteger outages, AtomicInteger attempts) {
            super(delegate);
            this.outages = outages;
            this.attempts = attempts;
        }

        @Override
        public LedgerResult submit(String transaction, String... args) {
            if (Transaction.PAY_REWARD_CHUNK.wireName().equals(transaction)) {
                attempts.incrementAndGet();
                if (outages.getAndDecrement() > 0) {
                    throw new LedgerException(LedgerException.LEDGER_UNAVAILABLE, "simulated outage", null);
                }
            }
            return super.submit(transaction, args);
        }
    }

    @Test
    void pays_every_ancestor_the_formula_amount_and_records_the_merkle_root_on_chain() {
        rig = PoxRig.start(RewardProperties.defaults());
        firstCycleTree();
        long end = rig.clock.advance(Duration.ofSeconds(1));

        CyclePlan plan = rig.rewards.cycles().close(end, "admin");
        RewardCycleRunner.Outcome outcome = rig.rewards.runner().run(plan.cycleId());

        assertThat(outcome).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(plan.cycleId()).isEqualTo("cycle-000001");
        assertThat(plan.cycleStart()).isZero();
        assertThat(plan.cycleEnd()).isEqualTo(end);
        assertThat(plan.entryCount()).isEqualTo(4);
        assertThat(plan.totalAmount()).isEqualTo(72000);
        assertThat(balances("g", "a", "b", "c", "h", "h1"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("g", 12500L, "a", 12000L, "b", 10000L, "c", 0L, "h", 37500L, "h1", 0L));
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
        Cycle onChain = rig.rewards.ledger().cycle(plan.cycleId()).orElseThrow();
        assertThat(onChain.merkleRoot()).isEqualTo(plan.merkleRoot());
        assertThat(onChain.entriesRecorded()).isEqualTo(4);
        assertThat(onChain.totalPaid()).isEqualTo(72000);
        CycleProgress progress = rig.rewards.cycles().progress(plan.cycleId());
        assertThat(progress.state()).isEqualTo(CycleState.COMPLETE);
        assertThat(progress.chunksPending()).isZero();
        assertThat(progress.percentDone()).isEqualTo(100);
        assertThat(progress.amountPaid()).isEqualTo(72000);
        assertThat(rig.wallets.balances()).containsEntry("h", 37500L).containsEntry("g", 12500L);
        assertThat(rig.meters.get("pox.rewards.amount.paid").counter().count()).isEqualTo(72000.0);
    }

    @Test
    void a_second_cycle_pays_only_the_registrations_after_the_first_cycle_s_end_at_levels_as_of_its_own_end() {
        rig = PoxRig.start(RewardProperties.defaults());
        firstCycleTree();
        CyclePlan first = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(first.cycleId());

        rig.join("d", "c");
        rig.join("h4", "h");
        CyclePlan second = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(second.cycleId());

        // c: d at depth 1 = 10000; b: depth 2 = 2000; a: depth 3 = 500; g: depth 4 is beyond maxDepth 3;
        // h: 4 direct, score 4.0 -> level 2: 10000 x 1.25 x 1 = 12500
        assertThat(second.cycleStart()).isEqualTo(first.cycleEnd());
        assertThat(entries(second.cycleId()))
                .containsExactly(
                        new RewardLine(500, 1, 1, "a", 10000, 17500),
                        new RewardLine(2000, 1, 1, "b", 10000, 15000),
                        new RewardLine(10000, 1, 1, "c", 10000, 10000),
                        new RewardLine(12500, 1, 2, "h", 12500, 40000));
        assertThat(balances("g", "a", "b", "c", "h"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("g", 12500L, "a", 12500L, "b", 12000L, "c", 10000L, "h", 50000L));
        assertThat(rig.money.totalSupply()).isEqualTo(97000);
    }

    @Test
    void a_new_runner_finishes_a_cycle_whose_runner_died_after_a_committed_chunk_without_paying_anyone_twice() {
        CrashingLedger[] crashing = new CrashingLedger[1];
        rig = PoxRig.start(
                RewardProperties.defaults().withChunkSize(1).withParallelChunks(1),
                ledger -> crashing[0] = new CrashingLedger(ledger, Transaction.PAY_REWARD_CHUNK.wireName(), 2, 0));
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        assertThat(plan.chunkCount()).isEqualTo(4);

        assertThatThrownBy(() -> rig.rewards.runner().run(plan.cycleId()))
                .isInstanceOf(CrashingLedger.SimulatedCrash.class);

        // chunk 1 is on-chain, but the graph never heard of it: the crash came between commit and bookkeeping
        assertThat(rig.rewards.ledger().cycle(plan.cycleId()).orElseThrow().entriesRecorded())
                .isEqualTo(2);
        assertThat(rig.rewards.pendingChunks(plan.cycleId())).containsExactly(1, 2, 3);
        RewardCycleRunner survivor = rig.rewards.otherInstance(
                rig.driver, rig.base, rig.wallets, rig.rewardProperties, rig.clock, rig.meters, "instance-b");
        assertThat(survivor.run(plan.cycleId()))
                .as("the dead runner's lease has not expired yet")
                .isEqualTo(RewardCycleRunner.Outcome.LEASED_ELSEWHERE);

        rig.clock.advance(rig.rewardProperties.leaseDuration().plusSeconds(1));
        assertThat(survivor.run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);

        assertThat(balances("g", "a", "b", "h"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("g", 12500L, "a", 12000L, "b", 10000L, "h", 37500L));
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
        Cycle onChain = rig.rewards.ledger().cycle(plan.cycleId()).orElseThrow();
        assertThat(onChain.entriesRecorded()).isEqualTo(4);
        assertThat(onChain.totalPaid()).isEqualTo(72000);
        assertThat(rig.rewards.cycles().progress(plan.cycleId()).entriesPaid()).isEqualTo(4);
        assertThat(crashing[0].submissions()).isEqualTo(2);
    }

    @Test
    void pays_chunks_in_parallel_and_seals_the_cycle_with_its_merkle_root_checked_on_chain() {
        rig = PoxRig.start(RewardProperties.defaults().withChunkSize(1).withParallelChunks(3));
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        assertThat(plan.chunkCount()).isEqualTo(4);

        assertThat(rig.rewards.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);

        CycleSeal seal = rig.rewards.ledger().seal(plan.cycleId());
        assertThat(seal.merkleRoot()).isEqualTo(plan.merkleRoot());
        assertThat(seal.entryCount()).isEqualTo(4);
        assertThat(seal.totalAmount()).isEqualTo(72000);
        assertThat(balances("g", "a", "b", "h"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("g", 12500L, "a", 12000L, "b", 10000L, "h", 37500L));
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
        assertThat(rig.rewards.cycles().progress(plan.cycleId()).chunksPending())
                .isZero();
    }

    @Test
    void a_runner_that_dies_while_chunks_are_in_flight_is_finished_by_another_without_paying_anyone_twice() {
        CrashingLedger[] crashing = new CrashingLedger[1];
        rig = PoxRig.start(
                RewardProperties.defaults().withChunkSize(1).withParallelChunks(3),
                ledger -> crashing[0] = new CrashingLedger(ledger, Transaction.PAY_REWARD_CHUNK.wireName(), 2, 0));
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");

        assertThatThrownBy(() -> rig.rewards.runner().run(plan.cycleId()))
                .isInstanceOf(CrashingLedger.SimulatedCrash.class);
        assertThat(rig.rewards.ledger().cycle(plan.cycleId()).orElseThrow().entriesRecorded())
                .isBetween(2, 4);
        rig.clock.advance(rig.rewardProperties.leaseDuration().plusSeconds(1));
        RewardCycleRunner survivor = rig.rewards.otherInstance(
                rig.driver, rig.base, rig.wallets, rig.rewardProperties, rig.clock, rig.meters, "instance-b");

        assertThat(survivor.run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(balances("g", "a", "b", "h"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("g", 12500L, "a", 12000L, "b", 10000L, "h", 37500L));
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
        Cycle onChain = rig.rewards.ledger().cycle(plan.cycleId()).orElseThrow();
        assertThat(onChain.entriesRecorded()).isEqualTo(4);
        assertThat(onChain.totalPaid()).isEqualTo(72000);
        assertThat(rig.rewards.ledger().seal(plan.cycleId()).totalAmount()).isEqualTo(72000);
    }

    @Test
    void only_one_runner_pays_a_cycle_at_a_time() {
        rig = PoxRig.start(RewardProperties.defaults());
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        RewardCycleRunner other = rig.rewards.otherInstance(
                rig.driver, rig.base, rig.wallets, rig.rewardProperties, rig.clock, rig.meters, "instance-b");
        long leaseTaken = rig.clock.millis();
        // instance-b holds the lease (as if it were paying right now)
        assertThat(rig.rewards.leases().acquireLease(plan.cycleId(), "instance-b", leaseTaken, leaseTaken + 60_000))
                .isTrue();

        assertThat(rig.rewards.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.LEASED_ELSEWHERE);
        assertThat(rig.money.totalSupply()).isZero();

        assertThat(other.run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(rig.rewards.runner().run(plan.cycleId())).isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(rig.money.totalSupply()).isEqualTo(72000);
    }

    @Test
    void holds_the_reward_of_a_suspended_member_until_an_admin_releases_or_forfeits_it() {
        rig = PoxRig.start(RewardProperties.defaults());
        firstCycleTree();
        rig.suspend("h");
        rig.suspend("b");
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(plan.cycleId());

        assertThat(rig.balance("h")).isZero();
        assertThat(rig.rewards.holds().held())
                .extracting(e -> e.entry().memberId(), StoredRewardEntry::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b", RewardStatus.HELD),
                        org.assertj.core.groups.Tuple.tuple("h", RewardStatus.HELD));

        org.poxledger.contract.model.RewardEntry released = rig.rewards.holds().release(plan.cycleId(), "h", "admin");
        org.poxledger.contract.model.RewardEntry forfeited = rig.rewards.holds().forfeit(plan.cycleId(), "b", "admin");

        assertThat(RewardStatus.of(released.status())).isEqualTo(RewardStatus.RELEASED);
        assertThat(RewardStatus.of(forfeited.status())).isEqualTo(RewardStatus.FORFEITED);
        assertThat(rig.balance("h")).isEqualTo(37500);
        assertThat(rig.balance("b")).isZero();
        assertThat(rig.money.totalSupply()).isEqualTo(12500 + 12000 + 37500);
        assertThat(rig.rewards.holds().held()).isEmpty();
        CycleProgress progress = rig.rewards.cycles().progress(plan.cycleId());
        assertThat(progress.amountReleased()).isEqualTo(37500);
        assertThat(progress.amountForfeited()).isEqualTo(10000);
        assertThat(rig.wallets.balances()).containsEntry("h", 37500L);
        assertThatThrownBy(() -> rig.rewards.holds().release(plan.cycleId(), "h", "admin"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("HOLD_NOT_FOUND"));
    }

    @Test
    void explains_a_member_s_amount_and_proves_the_entry_against_the_on_chain_root() {
        rig = PoxRig.start(RewardProperties.defaults());
        firstCycleTree();
        CyclePlan plan = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(plan.cycleId());

        RewardExplanation g = rig.rewards.members().explain("g", plan.cycleId());
        MemberRewardService.MemberProof proof = rig.rewards.members().proof("h", plan.cycleId());

        assertThat(g.depths())
                .extracting(d -> d.depth(), d -> d.payoutShareBps(), d -> d.registrations()
                        .size())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 10000, 1),
                        org.assertj.core.groups.Tuple.tuple(2, 2000, 1),
                        org.assertj.core.groups.Tuple.tuple(3, 500, 1));
        assertThat(g.depths().get(2).registrations().getFirst().memberId()).isEqualTo("c");
        assertThat(g.level().countsAtEnd()).containsExactly(1L, 1L, 1L);
        assertThat(g.formula()).isEqualTo("floor(10000 × 10000 × 12500 / 10^8) = 12500");
        assertThat(g.matchesEntry()).isTrue();
        assertThat(g.status()).isEqualTo(RewardStatus.PAID);
        assertThat(g.amount().display()).isEqualTo("125.00 PXC");
        assertThat(proof.verified()).isTrue();
        assertThat(proof.onChainRoot()).isEqualTo(plan.merkleRoot());
        assertThat(rig.rewards
                        .members()
                        .verify(
                                plan.cycleId(),
                                proof.proof().entry(),
                                proof.proof().path())
                        .valid())
                .isTrue();
        RewardLine inflated = new RewardLine(375000, 3, 2, "h", 12500, 30000);
        assertThat(rig.rewards
                        .members()
                        .verify(plan.cycleId(), inflated, proof.proof().path())
                        .valid())
                .isFalse();
        assertThat(rig.rewards.members().rewards("h"))
                .extracting(r -> r.cycleId(), r -> r.status(), r -> r.amount().minorUnits())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(plan.cycleId(), RewardStatus.PAID, 37500L));
        assertThatThrownBy(() -> rig.rewards.members().proof("c", plan.cycleId()))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code().name()).isEqualTo("REWARD_NOT_FOUND"));
    }

    @Test
    void refuses_an_end_in_the_future_or_not_after_the_previous_cycle_and_pays_nothing_for_an_empty_cycle() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        long now = rig.clock.millis();

        // a minute ahead: still the future when the close runs, on the embedded clock and on real time (Fabric)
        assertThatThrownBy(() ->
                        rig.rewards.cycles().close(now + Duration.ofMinutes(1).toMillis(), "admin"))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code().name()).isEqualTo("INVALID_CYCLE_END");
                    assertThat(e.field()).isEqualTo("end");
                });
        CyclePlan empty = rig.rewards.cycles().close(now, "admin");
        assertThat(empty.state()).isEqualTo(CycleState.COMPLETE);
        assertThat(empty.entryCount()).isZero();
        assertThat(rig.rewards.ledger().cycle(empty.cycleId())).isEmpty();
        assertThat(rig.rewards.runner().run(empty.cycleId()))
                .as("running an empty cycle again finds nothing to pay or seal")
                .isEqualTo(RewardCycleRunner.Outcome.COMPLETE);
        assertThat(rig.rewards.cycles().cycle(empty.cycleId()).state()).isEqualTo(CycleState.COMPLETE);
        assertThatThrownBy(() -> rig.rewards.cycles().close(now, "admin"))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.getMessage()).contains("previous cycle"));
    }

    private List<RewardLine> entries(String cycleId) {
        return rig.rewards.entries().entries(cycleId).stream()
                .map(StoredRewardEntry::entry)
                .toList();
    }

    private Map<String, Long> balances(String... memberIds) {
        return java.util.Arrays.stream(memberIds).collect(Collectors.toMap(id -> id, rig::balance));
    }
}
