package org.poxledger.platform.reward;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.RewardChunkPaid;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects the {@code rewards} contract's events into the reward graph, idempotently: entries are MERGEd by
 * (cycle, member) and statuses only move forward, so an event applied twice, or replayed after newer ones, changes
 * nothing. Also the reward part of rebuilding the graph from the ledger.
 */
@Component
public class RewardProjection {

    public static final String CHUNK_PAID = "RewardChunkPaid";
    public static final String HOLD_RELEASED = "RewardHoldReleased";
    public static final String HOLD_FORFEITED = "RewardHoldForfeited";

    private static final Logger log = LoggerFactory.getLogger(RewardProjection.class);
    private static final Pattern SEQ = Pattern.compile("cycle-(\\d{1,18})");

    private final CyclePlanRepository plans;
    private final RewardEntryRepository entries;
    private final RewardChunkRepository chunks;
    private final RewardLedger ledger;
    private final CycleCalculator calculator;
    private final PolicyCatalog policies;
    private final WalletProjection wallets;
    private final RewardProperties properties;
    private final Driver driver;

    RewardProjection(
            CyclePlanRepository plans,
            RewardEntryRepository entries,
            RewardChunkRepository chunks,
            RewardLedger ledger,
            CycleCalculator calculator,
            PolicyCatalog policies,
            WalletProjection wallets,
            RewardProperties properties,
            Driver driver) {
        this.plans = plans;
        this.entries = entries;
        this.chunks = chunks;
        this.ledger = ledger;
        this.calculator = calculator;
        this.policies = policies;
        this.wallets = wallets;
        this.properties = properties;
        this.driver = driver;
    }

    /** @return whether this projection handles events of that name */
    public static boolean handles(String eventName) {
        return CHUNK_PAID.equals(eventName) || HOLD_RELEASED.equals(eventName) || HOLD_FORFEITED.equals(eventName);
    }

    /** Applies one rewards event; other events are ignored. */
    public void apply(LedgerEvent event) {
        switch (event.name()) {
            case CHUNK_PAID -> onChunkPaid(RewardLedger.chunkPaidEvent(event.payload()));
            case HOLD_RELEASED, HOLD_FORFEITED -> onEntryChanged(RewardLedger.entryEvent(event.payload()));
            default -> {}
        }
    }

    /** Records an entry the server just changed on the ledger (hold released or forfeited). */
    void onEntryChanged(org.poxledger.contract.model.RewardEntry entry) {
        ensureCycle(entry.cycleId());
        this.entries.mergeLedgerEntries(entry.cycleId(), List.of(entry));
        wallets.recomputeBalances(List.of(entry.memberId()));
    }

    private void onChunkPaid(RewardChunkPaid event) {
        ensureCycle(event.cycleId());
        this.entries.mergeLedgerEntries(event.cycleId(), event.entries());
        wallets.recomputeBalances(event.entries().stream()
                .filter(e -> RewardStatus.of(e.status()).minted())
                .map(org.poxledger.contract.model.RewardEntry::memberId)
                .toList());
    }

    private void ensureCycle(String cycleId) {
        if (plans.find(cycleId).isPresent()) {
            return;
        }
        Cycle cycle = ledger.cycle(cycleId)
                .orElseThrow(() -> new IllegalStateException(
                        "reward event names cycle " + cycleId + " but the ledger does not know it"));
        plans.mergeLedgerCycle(cycle, properties.chunkSize(), seqOf(cycleId));
        log.info("reward cycle {} recorded in the graph from the ledger", cycleId);
    }

    private long seqOf(String cycleId) {
        Matcher matcher = SEQ.matcher(cycleId);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : plans.maxSeq() + 1;
    }

    /** Deletes every reward node (cycles, entries, chunk receipts, the policy draft stays): step one of a rebuild. */
    public void wipe() {
        // CALL ... IN TRANSACTIONS needs an auto-commit transaction, which session.run gives (executableQuery
        // would wrap it in a managed one)
        try (Session session = driver.session()) {
            session.run("""
                            MATCH (n) WHERE n:RewardCycle OR n:RewardEntry OR n:RewardChunk
                            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
                            """).consume();
        }
    }

    /**
     * Last step of a rebuild, after every event was replayed: cycles known only from the ledger get their plan back.
     * A fully recorded cycle is checked against its on-chain root and marked COMPLETE; a partly recorded one (the
     * server crashed mid-payment and the graph was lost) is recomputed from the rebuilt tree, which is deterministic
     * for a past range, and resumes paying only when the recomputed root matches the on-chain root.
     *
     * @return the ids of cycles that could not be restored (FAILED)
     */
    public List<String> restoreCyclesFromLedger() {
        return plans.all().stream()
                .filter(plan -> "ledger".equals(plan.createdBy()))
                .map(this::restore)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<String> restore(CyclePlan plan) {
        List<StoredRewardEntry> recorded = this.entries.entries(plan.cycleId());
        List<RewardLine> known = recorded.stream().map(StoredRewardEntry::entry).toList();
        if (recorded.size() < plan.entryCount()) {
            RewardPolicy policy = policies.version(plan.policyVersion()).orElse(null);
            if (policy == null) {
                return failed(plan, "policy version " + plan.policyVersion() + " is not published");
            }
            CycleComputation computation = calculator.compute(policy, plan.cycleStart(), plan.cycleEnd());
            if (!computation.merkleRoot().equals(plan.merkleRoot())) {
                return failed(plan, "recomputed root " + computation.merkleRoot() + " differs from the on-chain root");
            }
            this.entries.mergePlannedEntries(plan.cycleId(), computation.entries());
            known = computation.entries();
        }
        String root = MerkleTree.of(known).root();
        if (!root.equals(plan.merkleRoot())) {
            return failed(plan, "entries replayed from the ledger give root " + root + ", not the on-chain root");
        }
        chunks.renumberChunks(plan.cycleId(), plan.chunkSize(), RewardCalculator.total(known));
        boolean complete = chunks.pendingChunks(plan.cycleId()).isEmpty();
        plans.setState(plan.cycleId(), complete ? CycleState.COMPLETE : CycleState.PAYING, null);
        log.info("reward cycle {} restored from the ledger: {}", plan.cycleId(), complete ? "complete" : "to resume");
        return Optional.empty();
    }

    private Optional<String> failed(CyclePlan plan, String reason) {
        log.error("reward cycle {} cannot be restored from the ledger: {}", plan.cycleId(), reason);
        plans.setState(plan.cycleId(), CycleState.FAILED, reason);
        return Optional.of(plan.cycleId());
    }

    /** @return counts of the reward graph, for logs */
    public Map<String, Long> counts() {
        var row = driver.executableQuery("""
                        CALL () { MATCH (c:RewardCycle) RETURN count(c) AS cycles }
                        CALL () { MATCH (e:RewardEntry) RETURN count(e) AS entries }
                        RETURN cycles, entries
                        """).execute().records().getFirst();
        return Map.of(
                "cycles",
                row.get("cycles").asLong(),
                "entries",
                row.get("entries").asLong());
    }
}
