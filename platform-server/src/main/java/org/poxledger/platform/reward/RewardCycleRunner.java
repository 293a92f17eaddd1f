package org.poxledger.platform.reward;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.poxledger.contract.model.ChunkReceipt;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.reward.RewardPlanRepository.StatusUpdate;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

/**
 * Pays a planned cycle chunk by chunk through {@code rewards:PayRewardChunk}, resuming from the first chunk that
 * still holds an unrecorded entry. Safe to run again at any point: the chaincode records each (cycle, member) once and
 * skips it afterwards, so a chunk re-sent after a crash (committed on-chain, not yet marked in Neo4j) pays nobody
 * twice.
 *
 * <p>One runner per cycle across instances: a runner first takes the cycle's lease in Neo4j and renews it before
 * every chunk; a lease left behind by a crashed instance expires after {@code pox.rewards.lease-duration}.
 */
@Component
public class RewardCycleRunner {

    private static final Logger log = LoggerFactory.getLogger(RewardCycleRunner.class);
    private static final Set<String> TRANSIENT =
            Set.of(LedgerException.LEDGER_UNAVAILABLE, LedgerException.COMMIT_FAILED, LedgerException.READ_CONFLICT);

    private final RetryTemplate chunkRetry;
    private final RewardPlanRepository plans;
    private final RewardLedger ledger;
    private final WalletProjection wallets;
    private final RewardMetrics metrics;
    private final RewardProperties properties;
    private final Clock clock;
    private final String owner;
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Autowired
    RewardCycleRunner(
            RewardPlanRepository plans,
            RewardLedger ledger,
            WalletProjection wallets,
            RewardMetrics metrics,
            RewardProperties properties,
            Clock clock) {
        this(plans, ledger, wallets, metrics, properties, clock, instanceName());
    }

    RewardCycleRunner(
            RewardPlanRepository plans,
            RewardLedger ledger,
            WalletProjection wallets,
            RewardMetrics metrics,
            RewardProperties properties,
            Clock clock,
            String owner) {
        this.plans = plans;
        this.ledger = ledger;
        this.wallets = wallets;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.owner = owner;
        this.chunkRetry = chunkRetry(properties, owner);
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every entry is recorded on-chain. */
        COMPLETE,
        /** No such cycle. */
        NOT_FOUND,
        /** A runner of this instance is already at work on it. */
        ALREADY_RUNNING,
        /** Another instance holds the cycle's lease. */
        LEASED_ELSEWHERE,
        /** Stopped on a transient failure (ledger unavailable, commit conflict); resuming later continues. */
        INTERRUPTED,
        /** The ledger refused a chunk for good; the cycle is FAILED until an admin runs it again. */
        FAILED
    }

    /** Pays the cycle's pending chunks on this thread. */
    public Outcome run(String cycleId) {
        if (!runningHere.add(cycleId)) {
            return Outcome.ALREADY_RUNNING;
        }
        metrics.runnerStarted();
        try {
            return runLeased(cycleId);
        } finally {
            runningHere.remove(cycleId);
            metrics.runnerStopped();
        }
    }

    /** Starts {@link #run(String)} in the background; returns at once. */
    public void runInBackground(String cycleId) {
        executor.execute(() -> {
            try {
                Outcome outcome = run(cycleId);
                log.info("reward cycle {} runner finished: {}", cycleId, outcome);
            } catch (RuntimeException e) {
                log.error("reward cycle {} runner stopped unexpectedly", cycleId, e);
            }
        });
    }

    /** Resumes, in the background, every cycle still PLANNED or PAYING (start-up, schedule, admin request). */
    public List<String> resumeUnfinished() {
        List<String> started = new ArrayList<>();
        for (CyclePlan plan : plans.unfinished()) {
            if (!runningHere.contains(plan.cycleId())) {
                runInBackground(plan.cycleId());
                started.add(plan.cycleId());
            }
        }
        return started;
    }

    /** @return whether a runner of this instance works on the cycle now */
    public boolean isRunningHere(String cycleId) {
        return runningHere.contains(cycleId);
    }

    private Outcome runLeased(String cycleId) {
        CyclePlan plan = plans.find(cycleId).orElse(null);
        if (plan == null) {
            return Outcome.NOT_FOUND;
        }
        if (!renewLease(cycleId)) {
            log.info("reward cycle {} is being paid by another instance", cycleId);
            return Outcome.LEASED_ELSEWHERE;
        }
        // Deliberately no finally: a runner that dies mid-chunk (Error, crash) leaves its lease to expire, so nobody
        // takes over while its last submission may still be committing.
        Outcome outcome = payPendingChunks(plan);
        plans.releaseLease(cycleId, owner);
        return outcome;
    }

    private Outcome payPendingChunks(CyclePlan plan) {
        String cycleId = plan.cycleId();
        List<Integer> pending = plans.pendingChunks(cycleId);
        log.info("reward cycle {}: {} of {} chunks to pay", cycleId, pending.size(), plan.chunkCount());
        for (int chunk : pending) {
            if (!renewLease(cycleId)) {
                log.warn("reward cycle {}: lease lost to another instance before chunk {}", cycleId, chunk);
                return Outcome.LEASED_ELSEWHERE;
            }
            try {
                payChunk(plan, chunk);
            } catch (LedgerException e) {
                metrics.chunkFailed();
                String error = "chunk " + chunk + ": " + e.code() + ": " + e.getMessage();
                if (TRANSIENT.contains(e.code())) {
                    log.warn(
                            "reward cycle {} interrupted at chunk {} tx={}: {}",
                            cycleId,
                            chunk,
                            e.transactionId().orElse("-"),
                            e.getMessage());
                    plans.setState(cycleId, CycleState.PAYING, error);
                    return Outcome.INTERRUPTED;
                }
                log.error(
                        "reward cycle {} failed at chunk {} tx={}: {}",
                        cycleId,
                        chunk,
                        e.transactionId().orElse("-"),
                        e.getMessage());
                plans.setState(cycleId, CycleState.FAILED, error);
                return Outcome.FAILED;
            }
        }
        if (!plans.pendingChunks(cycleId).isEmpty()) {
            plans.setState(cycleId, CycleState.PAYING, "entries remain unrecorded after paying every chunk");
            return Outcome.INTERRUPTED;
        }
        plans.setState(cycleId, CycleState.COMPLETE, null);
        metrics.cycleCompleted();
        metrics.pendingChunks(plans.pendingChunkCount());
        log.info("reward cycle {} complete: {} entries, total {}", cycleId, plan.entryCount(), plan.totalAmount());
        return Outcome.COMPLETE;
    }

    private void payChunk(CyclePlan plan, int chunk) {
        List<RewardEntry> entries = plans.chunkEntries(plan.cycleId(), chunk);
        RewardLedger.Paid paid = submitWithRetry(plan, chunk, entries);
        ChunkReceipt receipt = paid.receipt();
        List<StatusUpdate> updates = new ArrayList<>();
        receipt.paid().forEach(m -> updates.add(new StatusUpdate(m, RewardStatus.PAID, paid.txId())));
        receipt.held().forEach(m -> updates.add(new StatusUpdate(m, RewardStatus.HELD, paid.txId())));
        for (String skipped : receipt.skipped()) {
            // recorded by an earlier submission of this chunk, e.g. before a crash: take the ledger's word for it
            ledger.entry(plan.cycleId(), skipped)
                    .ifPresent(e -> updates.add(new StatusUpdate(skipped, RewardStatus.of(e.status()), e.paidTxId())));
        }
        plans.applyStatuses(plan.cycleId(), updates);
        plans.recordChunk(
                plan.cycleId(), chunk, paid.txId(), clock.millis(), receipt.amountPaid(), receipt.amountHeld());
        if (plan.state() == CycleState.PLANNED || plan.state() == CycleState.FAILED) {
            plans.setState(plan.cycleId(), CycleState.PAYING, null);
        }
        Set<String> touched = new LinkedHashSet<>(receipt.paid());
        touched.addAll(receipt.skipped());
        wallets.recomputeBalances(touched);
        metrics.chunkPaid(receipt.amountPaid(), receipt.amountHeld());
        metrics.pendingChunks(plans.pendingChunkCount());
        log.info(
                "reward cycle {} chunk {} recorded tx={} paid={} held={} skipped={} amountPaid={} amountHeld={}",
                plan.cycleId(),
                chunk,
                paid.txId(),
                receipt.paid().size(),
                receipt.held().size(),
                receipt.skipped().size(),
                receipt.amountPaid(),
                receipt.amountHeld());
    }

    private RewardLedger.Paid submitWithRetry(CyclePlan plan, int chunk, List<RewardEntry> entries) {
        try {
            return chunkRetry.execute(new Retryable<RewardLedger.Paid>() {
                @Override
                public RewardLedger.Paid execute() {
                    return ledger.payChunk(plan, entries);
                }

                @Override
                public String getName() {
                    return "reward cycle " + plan.cycleId() + " chunk " + chunk;
                }
            });
        } catch (RetryException e) {
            // the last failure as it was: a refusal for good, or the transient one that outlasted the attempts
            if (e.getLastException() instanceof RuntimeException last) {
                throw last;
            }
            if (e.getLastException() instanceof Error fatal) {
                throw fatal;
            }
            throw new IllegalStateException("reward cycle " + plan.cycleId() + " chunk " + chunk + " failed", e);
        }
    }

    /**
     * Up to {@code transientRetries} attempts per chunk while the ledger is unavailable or a commit fails, the pause
     * doubling from {@code retryBackoff} up to a minute; any other failure is final at once. Every retry is safe: the
     * chaincode skips the entries an earlier attempt recorded.
     */
    private static RetryTemplate chunkRetry(RewardProperties properties, String owner) {
        RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
                .predicate(failure -> failure instanceof LedgerException e && TRANSIENT.contains(e.code()))
                .maxRetries(Math.max(0, properties.transientRetries() - 1))
                .delay(Duration.ofMillis(Math.max(1, properties.retryBackoff().toMillis())))
                .multiplier(2)
                .maxDelay(Duration.ofMinutes(1))
                .build());
        retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                log.warn(
                        "{} attempt {} failed ({}), retrying (runner {})",
                        retryable.getName(),
                        state.getRetryCount() + 1,
                        state.getLastException() instanceof LedgerException e ? e.code() : state.getLastException(),
                        owner);
            }
        });
        return retry;
    }

    private boolean renewLease(String cycleId) {
        long now = clock.millis();
        return plans.acquireLease(
                cycleId, owner, now, now + properties.leaseDuration().toMillis());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private static String instanceName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
