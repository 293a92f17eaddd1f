package org.poxledger.platform.reward;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.poxledger.contract.model.ChunkReceipt;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.reward.RewardEntryRepository.StatusUpdate;
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
 * Pays a planned cycle through {@code rewards:PayRewardChunk}, the chunks that still hold an unrecorded entry only,
 * then seals it with {@code rewards:SealCycle} (the chaincode checks count, Merkle root and totals). The first chunk of
 * a cycle the ledger does not know yet goes alone (it records the cycle); the rest go {@code pox.rewards.parallel-chunks}
 * at a time, since chunks touch disjoint keys. Safe to run again at any point: the chaincode records each chunk once
 * (its members lie in a member-id range no other chunk shares) and skips it afterwards, so a chunk re-sent after a
 * crash (committed on-chain, not yet marked in Neo4j) pays nobody twice.
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
    private final CyclePlanRepository plans;
    private final RewardEntryRepository entries;
    private final RewardChunkRepository chunks;
    private final CycleLeaseRepository leases;
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
            CyclePlanRepository plans,
            RewardEntryRepository entries,
            RewardChunkRepository chunks,
            CycleLeaseRepository leases,
            RewardLedger ledger,
            WalletProjection wallets,
            RewardMetrics metrics,
            RewardProperties properties,
            Clock clock) {
        this(plans, entries, chunks, leases, ledger, wallets, metrics, properties, clock, instanceName());
    }

    RewardCycleRunner(
            CyclePlanRepository plans,
            RewardEntryRepository entries,
            RewardChunkRepository chunks,
            CycleLeaseRepository leases,
            RewardLedger ledger,
            WalletProjection wallets,
            RewardMetrics metrics,
            RewardProperties properties,
            Clock clock,
            String owner) {
        this.plans = plans;
        this.entries = entries;
        this.chunks = chunks;
        this.leases = leases;
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
        if (plan.state() == CycleState.COMPLETE) {
            // paid and sealed, or empty (nothing to record on-chain): running it again changes nothing
            return Outcome.COMPLETE;
        }
        if (!renewLease(cycleId)) {
            log.info("reward cycle {} is being paid by another instance", cycleId);
            return Outcome.LEASED_ELSEWHERE;
        }
        // Deliberately no finally: a runner that dies mid-chunk (Error, crash) leaves its lease to expire, so nobody
        // takes over while its last submission may still be committing.
        Outcome outcome = payPendingChunks(plan);
        leases.releaseLease(cycleId, owner);
        return outcome;
    }

    private Outcome payPendingChunks(CyclePlan plan) {
        String cycleId = plan.cycleId();
        List<Integer> pending = chunks.pendingChunks(cycleId);
        log.info(
                "reward cycle {}: {} of {} chunks to pay, {} at a time",
                cycleId,
                pending.size(),
                plan.chunkCount(),
                properties.parallelChunks());
        metrics.pendingChunks(chunks.pendingChunkCount());
        Queue<Integer> queue = new ConcurrentLinkedQueue<>(pending);
        AtomicBoolean paying = new AtomicBoolean(plan.state() == CycleState.PAYING);
        Optional<Cycle> onLedger = queue.isEmpty() ? Optional.empty() : ledger.cycle(cycleId);
        // a cycle the ledger knows keeps the ranges it was begun with; the graph numbers its chunks the same way
        List<String> chunkStarts = onLedger.map(Cycle::chunkStarts).orElseGet(() -> chunks.chunkStarts(cycleId));
        if (!queue.isEmpty() && onLedger.isEmpty()) {
            // only a cycle's first chunk writes the cycle key; sent together, first chunks would conflict
            Stop stop = payOne(plan, queue.remove(), chunkStarts, paying);
            if (stop != null) {
                return stopped(cycleId, List.of(stop));
            }
        }
        List<Stop> stops = payInParallel(plan, queue, chunkStarts, paying);
        if (!stops.isEmpty()) {
            return stopped(cycleId, stops);
        }
        if (!chunks.pendingChunks(cycleId).isEmpty()) {
            plans.setState(cycleId, CycleState.PAYING, "entries remain unrecorded after paying every chunk");
            return Outcome.INTERRUPTED;
        }
        Stop sealRefused = seal(plan);
        if (sealRefused != null) {
            return stopped(cycleId, List.of(sealRefused));
        }
        plans.setState(cycleId, CycleState.COMPLETE, null);
        metrics.cycleCompleted();
        metrics.pendingChunks(chunks.pendingChunkCount());
        log.info("reward cycle {} complete: {} entries, total {}", cycleId, plan.entryCount(), plan.totalAmount());
        return Outcome.COMPLETE;
    }

    /**
     * Up to {@code parallelChunks} workers take chunks from the queue; the first failure or lost lease stops every
     * worker from taking another, and the chunks in flight finish before the run ends. Anything else a worker throws
     * (an Error: the process is dying) stops the others too and is rethrown here, lease kept, as on one thread.
     */
    private List<Stop> payInParallel(
            CyclePlan plan, Queue<Integer> queue, List<String> chunkStarts, AtomicBoolean paying) {
        List<Stop> stops = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        int workers = Math.min(properties.parallelChunks(), queue.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    Integer chunk;
                    while (stops.isEmpty() && fatal.get() == null && (chunk = queue.poll()) != null) {
                        try {
                            Stop stop = payOne(plan, chunk, chunkStarts, paying);
                            if (stop != null) {
                                stops.add(stop);
                            }
                        } catch (RuntimeException | Error e) {
                            fatal.compareAndSet(null, e);
                        }
                    }
                });
            }
        }
        if (fatal.get() instanceof RuntimeException e) {
            throw e;
        }
        if (fatal.get() instanceof Error e) {
            throw e;
        }
        return stops;
    }

    /** @return null when the chunk is recorded, else why the run must stop */
    private Stop payOne(CyclePlan plan, int chunk, List<String> chunkStarts, AtomicBoolean paying) {
        String cycleId = plan.cycleId();
        if (!renewLease(cycleId)) {
            log.warn("reward cycle {}: lease lost to another instance before chunk {}", cycleId, chunk);
            return new Stop(Outcome.LEASED_ELSEWHERE, null);
        }
        try {
            payChunk(plan, chunk, chunkStarts, paying);
            return null;
        } catch (LedgerException e) {
            metrics.chunkFailed();
            return failure(cycleId, "chunk " + chunk, e);
        }
    }

    /** Seals the fully paid cycle: the chaincode checks the entry count, the Merkle root and the totals. */
    private Stop seal(CyclePlan plan) {
        try {
            CycleSeal seal = withRetry(plan.cycleId() + " seal", () -> ledger.seal(plan.cycleId()));
            log.info(
                    "reward cycle {} sealed tx={}: {} entries, root {}, total {}",
                    plan.cycleId(),
                    seal.sealedTxId(),
                    seal.entryCount(),
                    seal.merkleRoot(),
                    seal.totalAmount());
            return null;
        } catch (LedgerException e) {
            return failure(plan.cycleId(), "seal", e);
        }
    }

    private static Stop failure(String cycleId, String step, LedgerException e) {
        String error = step + ": " + e.code() + ": " + e.getMessage();
        boolean transientFailure = TRANSIENT.contains(e.code());
        if (transientFailure) {
            log.warn(
                    "reward cycle {} interrupted at {} tx={}: {}",
                    cycleId,
                    step,
                    e.transactionId().orElse("-"),
                    e.getMessage());
        } else {
            log.error(
                    "reward cycle {} failed at {} tx={}: {}",
                    cycleId,
                    step,
                    e.transactionId().orElse("-"),
                    e.getMessage());
        }
        return new Stop(transientFailure ? Outcome.INTERRUPTED : Outcome.FAILED, error);
    }

    /** A refusal for good outweighs a transient failure, which outweighs a lost lease (nothing to record then). */
    private Outcome stopped(String cycleId, List<Stop> stops) {
        Stop worst = stops.stream()
                .filter(s -> s.outcome() == Outcome.FAILED)
                .findFirst()
                .or(() -> stops.stream()
                        .filter(s -> s.outcome() == Outcome.INTERRUPTED)
                        .findFirst())
                .orElse(stops.getFirst());
        switch (worst.outcome()) {
            case FAILED -> plans.setState(cycleId, CycleState.FAILED, worst.error());
            case INTERRUPTED -> plans.setState(cycleId, CycleState.PAYING, worst.error());
            default -> {}
        }
        return worst.outcome();
    }

    private void payChunk(CyclePlan plan, int chunk, List<String> chunkStarts, AtomicBoolean paying) {
        List<RewardLine> lines = chunks.chunkEntries(plan.cycleId(), chunk);
        RewardLedger.Paid paid =
                withRetry(plan.cycleId() + " chunk " + chunk, () -> ledger.payChunk(plan, chunk, chunkStarts, lines));
        ChunkReceipt receipt = paid.receipt();
        List<StatusUpdate> updates = new ArrayList<>();
        receipt.paid().forEach(m -> updates.add(new StatusUpdate(m, RewardStatus.PAID, paid.txId())));
        receipt.held().forEach(m -> updates.add(new StatusUpdate(m, RewardStatus.HELD, paid.txId())));
        for (String skipped : receipt.skipped()) {
            // the chunk was recorded by an earlier submission, e.g. before a crash: take the ledger's word for it
            ledger.entry(plan.cycleId(), skipped)
                    .ifPresent(e -> updates.add(new StatusUpdate(skipped, RewardStatus.of(e.status()), e.paidTxId())));
        }
        entries.applyStatuses(plan.cycleId(), updates);
        chunks.recordChunk(
                plan.cycleId(), chunk, paid.txId(), clock.millis(), receipt.amountPaid(), receipt.amountHeld());
        if (paying.compareAndSet(false, true)) {
            plans.setState(plan.cycleId(), CycleState.PAYING, null);
        }
        Set<String> touched = new LinkedHashSet<>(receipt.paid());
        touched.addAll(receipt.skipped());
        wallets.recomputeBalances(touched);
        metrics.chunkPaid(receipt.amountPaid(), receipt.amountHeld());
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

    private <T> T withRetry(String name, Supplier<T> submission) {
        try {
            return chunkRetry.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return submission.get();
                }

                @Override
                public String getName() {
                    return "reward cycle " + name;
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
            throw new IllegalStateException("reward cycle " + name + " failed", e);
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
        return leases.acquireLease(
                cycleId, owner, now, now + properties.leaseDuration().toMillis());
    }

    /**
     * Why a run stops early.
     *
     * @param outcome INTERRUPTED, FAILED or LEASED_ELSEWHERE
     * @param error what to record as the cycle's last error, null for a lost lease
     */
    private record Stop(Outcome outcome, String error) {}

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
