package org.poxledger.platform.reward;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.level.WeightedLevelCalculator;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyDocument;
import org.poxledger.platform.policy.PolicyDraftService;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.RewardPolicy;
import org.springframework.stereotype.Service;

/**
 * Previews the policy draft on the live graph (DESIGN §6): how members would spread over the levels, and what the
 * open cycle would cost, under the draft and under the current policy.
 */
@Service
public class PolicyPreviewService {

    private final PolicyDraftService drafts;
    private final LedgerPolicyCatalog catalog;
    private final CycleGraph graph;
    private final RewardCycleService cycles;
    private final Clock clock;

    PolicyPreviewService(
            PolicyDraftService drafts,
            LedgerPolicyCatalog catalog,
            CycleGraph graph,
            RewardCycleService cycles,
            Clock clock) {
        this.drafts = drafts;
        this.catalog = catalog;
        this.graph = graph;
        this.cycles = cycles;
        this.clock = clock;
    }

    /** @throws Refusal DRAFT_NOT_FOUND when no draft is saved */
    public PolicyPreview previewDraft() {
        PolicyDocument draft = drafts.savedDraft()
                .orElseThrow(() -> Refusal.of(ErrorCode.DRAFT_NOT_FOUND, "there is no saved policy draft to preview"))
                .document();
        PolicyRecord current = catalog.refreshCurrent();
        return preview(current.policy(), draft.toPolicy(current.version() + 1));
    }

    PolicyPreview preview(RewardPolicy current, RewardPolicy draft) {
        long now = clock.millis();
        long members = graph.memberCount(Long.MAX_VALUE);
        int depth = Math.max(current.maxDepth(), draft.maxDepth());
        Map<String, long[]> counts = graph.allCountsAtEnd(Long.MAX_VALUE, depth);
        Map<Integer, Long> levelsCurrent = distribution(current, counts, members);
        Map<Integer, Long> levelsDraft = distribution(draft, counts, members);
        long start = cycles.openCycleStart();
        long end = Math.max(now, start + 1);
        CycleComputation underCurrent = cycles.compute(current, start, end);
        CycleComputation underDraft = cycles.compute(draft, start, end);
        return new PolicyPreview(
                current.version(),
                members,
                levelsCurrent,
                levelsDraft,
                new PolicyPreview.NextCycle(
                        start,
                        end,
                        underCurrent.expansionEvents(),
                        underCurrent.entries().size(),
                        underDraft.entries().size(),
                        underCurrent.totalAmount(),
                        underDraft.totalAmount(),
                        Math.subtractExact(underDraft.totalAmount(), underCurrent.totalAmount())));
    }

    /** Members with nobody below them all share the level of empty counters. */
    private static Map<Integer, Long> distribution(RewardPolicy policy, Map<String, long[]> counts, long members) {
        Map<Integer, Long> levels = new TreeMap<>();
        policy.tiers().forEach(tier -> levels.put(tier.level(), 0L));
        for (long[] memberCounts : counts.values()) {
            levels.merge(WeightedLevelCalculator.levelOf(policy, memberCounts).level(), 1L, Long::sum);
        }
        levels.merge(WeightedLevelCalculator.levelOf(policy, new long[0]).level(), members - counts.size(), Long::sum);
        return levels;
    }
}
