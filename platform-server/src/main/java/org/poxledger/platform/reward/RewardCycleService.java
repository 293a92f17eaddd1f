package org.poxledger.platform.reward;

import java.time.Clock;
import java.util.List;
import org.neo4j.driver.exceptions.ClientException;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.RewardPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Closes reward cycles (DESIGN §6): a cycle covers the registrations in [previous cycle's end (0 for the first), end),
 * takes levels as of its end, and is stored with its entries and Merkle root before anything is paid.
 */
@Service
public class RewardCycleService {

    private static final Logger log = LoggerFactory.getLogger(RewardCycleService.class);

    private final CyclePlanRepository plans;
    private final RewardChunkRepository chunks;
    private final CycleProgressRepository progress;
    private final CycleCalculator calculator;
    private final LedgerPolicyCatalog catalog;
    private final RewardProperties properties;
    private final RewardMetrics metrics;
    private final ProjectionBarrier projection;
    private final Clock clock;

    RewardCycleService(
            CyclePlanRepository plans,
            RewardChunkRepository chunks,
            CycleProgressRepository progress,
            CycleCalculator calculator,
            LedgerPolicyCatalog catalog,
            RewardProperties properties,
            RewardMetrics metrics,
            ProjectionBarrier projection,
            Clock clock) {
        this.projection = projection;
        this.plans = plans;
        this.chunks = chunks;
        this.progress = progress;
        this.calculator = calculator;
        this.catalog = catalog;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Closes the open cycle at {@code end} under the current policy and stores its plan (state PLANNED, or COMPLETE
     * when nobody earned anything). Waits first until the graph holds every event the ledger has committed, so a
     * registration committed but not yet projected is never missed.
     *
     * @param end end of the cycle (exclusive), epoch milliseconds; {@code null} means now
     * @param closedBy who closes it, for the record
     * @throws Refusal INVALID_CYCLE_END when end is in the future or not after the previous cycle's end;
     *     CYCLE_CLOSE_CONFLICT when another instance closed a cycle at the same moment
     */
    public CyclePlan close(Long end, String closedBy) {
        long now = clock.millis();
        long start = openCycleStart();
        long cycleEnd = end == null ? now : end;
        if (cycleEnd > now) {
            throw Refusal.of(
                    ErrorCode.INVALID_CYCLE_END, "end", "end " + cycleEnd + " is in the future (now is " + now + ")");
        }
        if (cycleEnd <= start) {
            throw Refusal.of(
                    ErrorCode.INVALID_CYCLE_END,
                    "end",
                    "end " + cycleEnd + " must be after the previous cycle's end " + start);
        }
        projection.awaitCommitted();
        PolicyRecord policy = catalog.refreshCurrent();
        CycleComputation computation = compute(policy.policy(), start, cycleEnd);
        long seq = plans.maxSeq() + 1;
        CyclePlan plan = new CyclePlan(
                cycleId(seq),
                seq,
                start,
                cycleEnd,
                policy.version(),
                computation.merkleRoot(),
                computation.entries().size(),
                computation.totalAmount(),
                properties.chunkSize(),
                computation.entries().isEmpty() ? CycleState.COMPLETE : CycleState.PLANNED,
                null,
                now,
                closedBy);
        try {
            plans.create(plan, computation.entries());
        } catch (ClientException e) {
            if (e.code() != null && e.code().contains("ConstraintValidationFailed")) {
                throw Refusal.of(
                        ErrorCode.CYCLE_CLOSE_CONFLICT,
                        null,
                        "another cycle was closed at the same time; list the cycles" + " and close again if needed");
            }
            throw e;
        }
        metrics.cycleClosed();
        metrics.pendingChunks(chunks.pendingChunkCount());
        log.info(
                "closed reward cycle {} [{}, {}) policy={} entries={} total={} root={} by {}",
                plan.cycleId(),
                start,
                cycleEnd,
                plan.policyVersion(),
                plan.entryCount(),
                plan.totalAmount(),
                plan.merkleRoot(),
                closedBy);
        return plan;
    }

    /** @return the cycle's entries under the policy, not stored */
    public CycleComputation compute(RewardPolicy policy, long start, long end) {
        try {
            return calculator.compute(policy, start, end);
        } catch (ArithmeticException e) {
            throw Refusal.of(
                    ErrorCode.AMOUNT_OVERFLOW,
                    null,
                    "a reward amount of the cycle [" + start + ", " + end + ") does not fit a 64-bit integer under"
                            + " policy version " + policy.version());
        }
    }

    /** @return the open cycle (from the last cycle's end until now) priced under the policy */
    public CycleComputation openCycle(RewardPolicy policy) {
        return compute(policy, openCycleStart(), clock.millis());
    }

    /** @return where the next cycle starts: the latest cycle's end, or 0 */
    public long openCycleStart() {
        return plans.latest().map(CyclePlan::cycleEnd).orElse(0L);
    }

    /** @return every cycle, newest first */
    public List<CyclePlan> cycles() {
        return plans.all();
    }

    /** @throws Refusal CYCLE_NOT_FOUND */
    public CyclePlan cycle(String cycleId) {
        return plans.find(cycleId)
                .orElseThrow(
                        () -> Refusal.of(ErrorCode.CYCLE_NOT_FOUND, "reward cycle " + cycleId + " does not exist"));
    }

    /** @throws Refusal CYCLE_NOT_FOUND */
    public CycleProgress progress(String cycleId) {
        return progress.progress(cycleId)
                .orElseThrow(
                        () -> Refusal.of(ErrorCode.CYCLE_NOT_FOUND, "reward cycle " + cycleId + " does not exist"));
    }

    static String cycleId(long seq) {
        return "cycle-%06d".formatted(seq);
    }
}
