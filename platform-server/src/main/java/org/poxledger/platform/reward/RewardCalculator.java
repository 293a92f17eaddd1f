package org.poxledger.platform.reward;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.level.WeightedLevelCalculator;
import org.poxledger.platform.policy.RewardPolicy;

/**
 * DESIGN §6 in exact integer arithmetic: for each ancestor a of the cycle's expansion events,
 * {@code amount(a) = floor(baseRewardUnits × rate(a) × Σ_d payoutShareBps[d] × newAtDepth_d(a) / 10^8)}, with one
 * floor per member per cycle (never per event, which would lose up to a unit per event). The sum is exact in
 * {@code long} (overflow is an error); the triple product can exceed {@code long} before the division, so it is taken
 * in {@link BigInteger} and the quotient must fit a {@code long} again.
 */
public final class RewardCalculator {

    /** rate (bps, 10^4 = 1.0) × share (bps): the divisor that turns both into plain factors. */
    static final BigInteger BPS_SQUARED = BigInteger.valueOf(100_000_000L);

    private RewardCalculator() {}

    /**
     * @param policy the cycle's policy
     * @param newAtDepth for each ancestor, the cycle's new members exactly d steps below it (index d-1)
     * @param countsAtEnd for each ancestor, all members exactly d steps below it registered before the cycle's end
     *     (index d-1); an ancestor missing here counts as having none
     * @return one entry per ancestor with at least one event within maxDepth, sorted by member id
     * @throws ArithmeticException when an amount or a sum does not fit a {@code long}
     */
    public static List<RewardLine> entries(
            RewardPolicy policy, Map<String, long[]> newAtDepth, Map<String, long[]> countsAtEnd) {
        List<RewardLine> entries = new ArrayList<>(newAtDepth.size());
        for (Map.Entry<String, long[]> ancestor : new TreeMap<>(newAtDepth).entrySet()) {
            long events = events(policy, ancestor.getValue());
            if (events == 0) {
                continue;
            }
            MemberLevel level =
                    WeightedLevelCalculator.levelOf(policy, countsAtEnd.getOrDefault(ancestor.getKey(), new long[0]));
            long amount = amount(policy, level.rateBps(), ancestor.getValue());
            entries.add(new RewardLine(
                    amount, events, level.level(), ancestor.getKey(), level.rateBps(), level.scoreBps()));
        }
        return List.copyOf(entries);
    }

    /** @return Σ_d≤D newAtDepth_d: the events credited to the member */
    public static long events(RewardPolicy policy, long[] newAtDepth) {
        long events = 0;
        int depths = Math.min(policy.maxDepth(), newAtDepth.length);
        for (int d = 0; d < depths; d++) {
            events = Math.addExact(events, newAtDepth[d]);
        }
        return events;
    }

    /** @return Σ_d≤D payoutShareBps[d] × newAtDepth_d */
    public static long weightedEventsBps(RewardPolicy policy, long[] newAtDepth) {
        long weighted = 0;
        int depths = Math.min(policy.maxDepth(), newAtDepth.length);
        for (int d = 0; d < depths; d++) {
            weighted = Math.addExact(
                    weighted, Math.multiplyExact((long) policy.payoutShareBps().get(d), newAtDepth[d]));
        }
        return weighted;
    }

    /**
     * @param rateBps the member's rate at the cycle's end
     * @param newAtDepth the cycle's new members d steps below the member (index d-1)
     * @return {@code floor(base × rate × Σ_d share[d] × new_d / 10^8)}
     * @throws ArithmeticException when the amount does not fit a {@code long}
     */
    public static long amount(RewardPolicy policy, int rateBps, long[] newAtDepth) {
        BigInteger product = BigInteger.valueOf(policy.baseRewardUnits())
                .multiply(BigInteger.valueOf(rateBps))
                .multiply(BigInteger.valueOf(weightedEventsBps(policy, newAtDepth)));
        // every factor is non-negative, so integer division is the floor
        return product.divide(BPS_SQUARED).longValueExact();
    }

    /** @return the sum of the entries' amounts */
    public static long total(List<RewardLine> entries) {
        long total = 0;
        for (RewardLine entry : entries) {
            total = Math.addExact(total, entry.amount());
        }
        return total;
    }
}
