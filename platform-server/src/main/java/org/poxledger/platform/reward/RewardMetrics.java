package org.poxledger.platform.reward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Reward-cycle meters: {@code pox.rewards.cycles.closed}, {@code pox.rewards.cycles.completed},
 * {@code pox.rewards.chunks.paid}, {@code pox.rewards.chunks.failed}, {@code pox.rewards.amount.paid},
 * {@code pox.rewards.amount.held} (counters) and the gauges {@code pox.rewards.chunks.pending} (chunks still to pay
 * over all unfinished cycles, as last seen by this instance) and {@code pox.rewards.runners.active}.
 */
@Component
class RewardMetrics {

    private final Counter cyclesClosed;
    private final Counter cyclesCompleted;
    private final Counter chunksPaid;
    private final Counter chunksFailed;
    private final Counter amountPaid;
    private final Counter amountHeld;
    private final AtomicLong pendingChunks = new AtomicLong();
    private final AtomicLong activeRunners = new AtomicLong();

    RewardMetrics(MeterRegistry registry) {
        cyclesClosed = Counter.builder("pox.rewards.cycles.closed")
                .description("reward cycles closed (planned)")
                .register(registry);
        cyclesCompleted = Counter.builder("pox.rewards.cycles.completed")
                .description("reward cycles whose every entry is recorded on-chain")
                .register(registry);
        chunksPaid = Counter.builder("pox.rewards.chunks.paid")
                .description("PayRewardChunk transactions committed")
                .register(registry);
        chunksFailed = Counter.builder("pox.rewards.chunks.failed")
                .description("PayRewardChunk transactions that failed")
                .register(registry);
        amountPaid = Counter.builder("pox.rewards.amount.paid")
                .description("minor units minted by reward chunks")
                .baseUnit("minor-units")
                .register(registry);
        amountHeld = Counter.builder("pox.rewards.amount.held")
                .description("minor units held for suspended members")
                .baseUnit("minor-units")
                .register(registry);
        Gauge.builder("pox.rewards.chunks.pending", pendingChunks, AtomicLong::get)
                .description("reward chunks still to pay over all unfinished cycles")
                .register(registry);
        Gauge.builder("pox.rewards.runners.active", activeRunners, AtomicLong::get)
                .description("reward cycle runners working in this instance")
                .register(registry);
    }

    void cycleClosed() {
        cyclesClosed.increment();
    }

    void cycleCompleted() {
        cyclesCompleted.increment();
    }

    /** Counts a recorded chunk; the pending gauge drops by one until the next full count. */
    void chunkPaid(long paid, long held) {
        pendingChunks.updateAndGet(n -> Math.max(0, n - 1));
        chunksPaid.increment();
        amountPaid.increment(paid);
        amountHeld.increment(held);
    }

    void chunkFailed() {
        chunksFailed.increment();
    }

    void pendingChunks(long count) {
        pendingChunks.set(count);
    }

    void runnerStarted() {
        activeRunners.incrementAndGet();
    }

    void runnerStopped() {
        activeRunners.decrementAndGet();
    }

    long pendingChunks() {
        return pendingChunks.get();
    }
}
