package org.poxledger.platform.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.levels.MemberLevel;
import org.poxledger.platform.level.WeightedLevelCalculator;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.wallet.Money;
import org.springframework.stereotype.Service;

/** A member's rewards: the list, the explanation of one cycle's amount, and the Merkle proof of the entry. */
@Service
public class MemberRewardService {

    private static final int CACHED_TREES = 8;
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    private final CyclePlanRepository plans;
    private final RewardEntryRepository entries;
    private final CycleGraph graph;
    private final PolicyCatalog policies;
    private final RewardLedger ledger;
    private final Map<String, MerkleTree> trees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MerkleTree> eldest) {
            return size() > CACHED_TREES;
        }
    };

    MemberRewardService(
            CyclePlanRepository plans,
            RewardEntryRepository entries,
            CycleGraph graph,
            PolicyCatalog policies,
            RewardLedger ledger) {
        this.plans = plans;
        this.entries = entries;
        this.graph = graph;
        this.policies = policies;
        this.ledger = ledger;
    }

    /**
     * One of a member's rewards.
     *
     * @param cycleId the cycle
     * @param cycleStart its start
     * @param cycleEnd its end
     * @param policyVersion its policy
     * @param entry the entry
     * @param status PLANNED, PAID, HELD, RELEASED or FORFEITED
     * @param txId the recording transaction, if any
     * @param amount the amount for display
     */
    public record MemberReward(
            String cycleId,
            long cycleStart,
            long cycleEnd,
            int policyVersion,
            RewardLine entry,
            RewardStatus status,
            String txId,
            Money amount) {}

    /**
     * A member's proof, checked against the root the ledger recorded.
     *
     * @param cycleId the cycle
     * @param proof entry, leaf hash, path and root
     * @param onChainRoot {@code rewards:GetCycle}'s merkleRoot, {@code null} while no chunk is recorded
     * @param verified whether the proof leads to the on-chain root
     */
    public record MemberProof(String cycleId, MerkleProof proof, String onChainRoot, boolean verified) {}

    /** @return the member's rewards, newest cycle first */
    public List<MemberReward> rewards(String memberId) {
        List<MemberReward> rewards = new ArrayList<>();
        for (StoredRewardEntry stored : entries.entriesOf(memberId)) {
            plans.find(stored.cycleId())
                    .ifPresent(plan -> rewards.add(new MemberReward(
                            plan.cycleId(),
                            plan.cycleStart(),
                            plan.cycleEnd(),
                            plan.policyVersion(),
                            stored.entry(),
                            stored.status(),
                            stored.txId(),
                            Money.of(stored.entry().amount(), policy(plan).currency()))));
        }
        return rewards;
    }

    /**
     * @throws Refusal 404 REWARD_NOT_FOUND when the member has no entry in the cycle
     */
    public RewardExplanation explain(String memberId, String cycleId) {
        CyclePlan plan = cycle(cycleId);
        StoredRewardEntry stored = storedEntry(cycleId, memberId);
        RewardPolicy policy = policy(plan);
        int depth = policy.maxDepth();
        long[] counts =
                graph.countsAtEnd(List.of(memberId), plan.cycleEnd(), depth).getOrDefault(memberId, new long[depth]);
        MemberLevel level = WeightedLevelCalculator.levelOf(policy, counts);
        List<CycleGraph.Expansion> expansions =
                graph.expansionsBelow(memberId, plan.cycleStart(), plan.cycleEnd(), depth);
        long[] newAtDepth = new long[depth];
        List<RewardExplanation.Depth> depths = new ArrayList<>(depth);
        for (int d = 1; d <= depth; d++) {
            int at = d;
            List<RewardExplanation.Registration> registrations = expansions.stream()
                    .filter(e -> e.depth() == at)
                    .map(e -> new RewardExplanation.Registration(e.memberId(), e.registeredAt()))
                    .toList();
            newAtDepth[d - 1] = registrations.size();
            depths.add(new RewardExplanation.Depth(d, policy.payoutShareBps().get(d - 1), registrations));
        }
        long weighted = RewardCalculator.weightedEventsBps(policy, newAtDepth);
        long recomputed = RewardCalculator.amount(policy, level.rateBps(), newAtDepth);
        RewardLine entry = stored.entry();
        boolean matches = recomputed == entry.amount()
                && RewardCalculator.events(policy, newAtDepth) == entry.events()
                && level.level() == entry.level()
                && level.scoreBps() == entry.scoreBps()
                && level.rateBps() == entry.rateBps();
        List<Long> countList = new ArrayList<>(depth);
        for (long n : counts) {
            countList.add(n);
        }
        return new RewardExplanation(
                cycleId,
                plan.cycleStart(),
                plan.cycleEnd(),
                plan.policyVersion(),
                memberId,
                stored.status(),
                stored.txId(),
                entry,
                new RewardExplanation.Level(
                        countList, policy.levelWeightBps(), level.scoreBps(), level.level(), level.rateBps()),
                depths,
                policy.baseRewardUnits(),
                weighted,
                "floor(%d × %d × %d / 10^8) = %d"
                        .formatted(policy.baseRewardUnits(), level.rateBps(), weighted, recomputed),
                recomputed,
                matches,
                Money.of(entry.amount(), policy.currency()));
    }

    /** @throws Refusal 404 REWARD_NOT_FOUND when the member has no entry in the cycle */
    public MemberProof proof(String memberId, String cycleId) {
        CyclePlan plan = cycle(cycleId);
        storedEntry(cycleId, memberId);
        MerkleProof proof = tree(plan).proof(memberId).orElseThrow(() -> notFound(memberId, cycleId));
        String onChainRoot = ledger.cycle(cycleId).map(Cycle::merkleRoot).orElse(null);
        return new MemberProof(cycleId, proof, onChainRoot, proof.verifies(onChainRoot));
    }

    /**
     * Checks any entry and path against the root the ledger recorded for the cycle; needs nothing from the graph.
     *
     * @return the recomputed root, the on-chain root and whether they agree
     */
    public Verification verify(String cycleId, RewardLine entry, List<MerkleProof.Step> path) {
        String onChainRoot = ledger.cycle(cycleId)
                .map(Cycle::merkleRoot)
                .orElseThrow(() -> Refusal.of(
                        ErrorCode.CYCLE_NOT_FOUND, "reward cycle " + cycleId + " is not recorded on the ledger"));
        for (int i = 0; i < path.size(); i++) {
            MerkleProof.Step step = path.get(i);
            if (step == null
                    || step.side() == null
                    || step.hash() == null
                    || !HASH.matcher(step.hash()).matches()) {
                throw Refusal.of(
                        ErrorCode.VALIDATION_FAILED,
                        "path[" + i + "]",
                        "path[" + i + "] must have a side (LEFT or RIGHT) and a hash of 64 hex characters");
            }
        }
        String recomputed = MerkleTree.recomputeRoot(entry, path);
        return new Verification(cycleId, recomputed, onChainRoot, recomputed.equalsIgnoreCase(onChainRoot));
    }

    /**
     * @param cycleId the cycle
     * @param recomputedRoot the root the entry and path lead to
     * @param onChainRoot the root the ledger recorded
     * @param valid whether they are equal
     */
    public record Verification(String cycleId, String recomputedRoot, String onChainRoot, boolean valid) {}

    private synchronized MerkleTree tree(CyclePlan plan) {
        String key = plan.cycleId() + "/" + plan.merkleRoot();
        MerkleTree tree = trees.get(key);
        if (tree == null) {
            tree = MerkleTree.of(entries.entries(plan.cycleId()).stream()
                    .map(StoredRewardEntry::entry)
                    .toList());
            if (tree.entries().size() == plan.entryCount()) {
                trees.put(key, tree);
            }
        }
        return tree;
    }

    private CyclePlan cycle(String cycleId) {
        return plans.find(cycleId)
                .orElseThrow(
                        () -> Refusal.of(ErrorCode.CYCLE_NOT_FOUND, "reward cycle " + cycleId + " does not exist"));
    }

    private StoredRewardEntry storedEntry(String cycleId, String memberId) {
        return entries.entry(cycleId, memberId).orElseThrow(() -> notFound(memberId, cycleId));
    }

    private static Refusal notFound(String memberId, String cycleId) {
        return Refusal.of(
                ErrorCode.REWARD_NOT_FOUND, "member " + memberId + " earned nothing in reward cycle " + cycleId);
    }

    private RewardPolicy policy(CyclePlan plan) {
        return policies.version(plan.policyVersion())
                .orElseThrow(() -> new IllegalStateException("policy version " + plan.policyVersion() + " of cycle "
                        + plan.cycleId() + " is not published"));
    }
}
