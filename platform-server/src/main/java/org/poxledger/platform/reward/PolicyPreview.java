package org.poxledger.platform.reward;

import java.util.Map;

/**
 * The effect of the policy draft compared with the current policy, on the live graph.
 *
 * @param currentVersion the current policy's version
 * @param members members in the graph
 * @param levelsCurrent members per level under the current policy
 * @param levelsDraft members per level under the draft
 * @param nextCycle the open cycle (registrations since the last cycle's end) priced under both
 */
public record PolicyPreview(
        int currentVersion,
        long members,
        Map<Integer, Long> levelsCurrent,
        Map<Integer, Long> levelsDraft,
        NextCycle nextCycle) {

    /**
     * @param cycleStart the open cycle's start (the last cycle's end, or 0)
     * @param cycleEnd now
     * @param expansionEvents registrations in the open cycle so far
     * @param entriesCurrent members who would earn under the current policy
     * @param entriesDraft members who would earn under the draft
     * @param costCurrent what closing the cycle now would mint under the current policy, minor units
     * @param costDraft the same under the draft
     * @param costDelta draft minus current
     */
    public record NextCycle(
            long cycleStart,
            long cycleEnd,
            long expansionEvents,
            int entriesCurrent,
            int entriesDraft,
            long costCurrent,
            long costDraft,
            long costDelta) {}
}
