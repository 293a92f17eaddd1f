package org.poxledger.platform.audit;

import static org.poxledger.platform.audit.AuditDifference.Kind.BALANCE;
import static org.poxledger.platform.audit.AuditDifference.Kind.CYCLE_FIELD;
import static org.poxledger.platform.audit.AuditDifference.Kind.CYCLE_NOT_ON_LEDGER;
import static org.poxledger.platform.audit.AuditDifference.Kind.EDGE;
import static org.poxledger.platform.audit.AuditDifference.Kind.MEMBER_FIELD;
import static org.poxledger.platform.audit.AuditDifference.Kind.MEMBER_NOT_IN_GRAPH;
import static org.poxledger.platform.audit.AuditDifference.Kind.MEMBER_NOT_ON_LEDGER;
import static org.poxledger.platform.audit.AuditDifference.Kind.TOTAL_SUPPLY;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.Page;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.CycleProgress;
import org.poxledger.platform.reward.CycleState;
import org.poxledger.platform.reward.RewardCycleService;
import org.poxledger.platform.reward.RewardLedger;
import org.poxledger.platform.wallet.MoneyLedger;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Compares the graph with the ledger (DESIGN §10) and reports every difference: members (existence, status,
 * registration, account hash), recommender edges, balances, reward cycles (root, range, policy, entries recorded,
 * totals per status) and the total supply.
 *
 * <p>Ledger members the graph lacks are found by walking the ledger's recommendee lists from every graph member, so
 * any missing member below a known one is found. A missing <em>genesis</em> member cannot be found by a query (the
 * ledger has no list of them); only the chaincode events reveal it, which is what the event listener and
 * {@code rebuild-graph} replay.
 */
@Service
public class GraphLedgerAudit {

    private static final Logger log = LoggerFactory.getLogger(GraphLedgerAudit.class);
    private static final int PAGE = 1000;

    private final Driver driver;
    private final LedgerClient ledger;
    private final MoneyLedger money;
    private final WalletProjection wallets;
    private final RewardCycleService cycles;
    private final RewardLedger rewards;
    private final Clock clock;

    GraphLedgerAudit(
            Driver driver,
            LedgerClient ledger,
            MoneyLedger money,
            WalletProjection wallets,
            RewardCycleService cycles,
            RewardLedger rewards,
            Clock clock) {
        this.driver = driver;
        this.ledger = ledger;
        this.money = money;
        this.wallets = wallets;
        this.cycles = cycles;
        this.rewards = rewards;
        this.clock = clock;
    }

    /** @return every difference between the graph and the ledger */
    public AuditReport run() {
        long started = clock.millis();
        List<AuditDifference> differences = new ArrayList<>();
        Map<String, GraphMember> graph = graphMembers();
        Set<String> onLedger = auditMembers(graph, differences);
        auditBalances(onLedger, differences);
        int cyclesChecked = auditCycles(differences);
        AuditReport report =
                new AuditReport(started, clock.millis() - started, onLedger.size(), cyclesChecked, differences);
        log.info(
                "audit: {} members, {} cycles, {} differences",
                report.membersChecked(),
                cyclesChecked,
                differences.size());
        return report;
    }

    private record GraphMember(
            String memberId, String status, Long registeredAt, String accountHash, String edgeRecommender) {}

    private Map<String, GraphMember> graphMembers() {
        Map<String, GraphMember> members = new HashMap<>();
        driver.executableQuery("""
                        MATCH (m:Member)
                        OPTIONAL MATCH (r:Member)-[:RECOMMENDED]->(m)
                        RETURN m.memberId AS memberId, m.status AS status, m.registeredAt AS registeredAt,
                               m.accountHash AS accountHash, collect(r.memberId) AS recommenders
                        """).execute().records().forEach(row -> {
            List<String> recommenders = row.get("recommenders").asList(v -> v.asString());
            members.put(
                    row.get("memberId").asString(),
                    new GraphMember(
                            row.get("memberId").asString(),
                            row.get("status").asString(null),
                            row.get("registeredAt").isNull()
                                    ? null
                                    : row.get("registeredAt").asLong(),
                            row.get("accountHash").asString(null),
                            recommenders.isEmpty() ? null : String.join(",", recommenders)));
        });
        return members;
    }

    /** @return the ids of every member that exists on the ledger among those examined */
    private Set<String> auditMembers(Map<String, GraphMember> graph, List<AuditDifference> differences) {
        Set<String> onLedger = new LinkedHashSet<>();
        Deque<String> toWalk = new ArrayDeque<>();
        for (GraphMember member : graph.values().stream()
                .sorted(java.util.Comparator.comparing(GraphMember::memberId))
                .toList()) {
            Optional<Member> found = ledgerMember(member.memberId());
            if (found.isEmpty()) {
                differences.add(
                        AuditDifference.of(MEMBER_NOT_ON_LEDGER, member.memberId(), null, member.status(), null));
                continue;
            }
            Member truth = found.get();
            onLedger.add(truth.memberId());
            toWalk.add(truth.memberId());
            compare(
                    differences,
                    MEMBER_FIELD,
                    truth.memberId(),
                    "status",
                    member.status(),
                    truth.status().name());
            compare(
                    differences,
                    MEMBER_FIELD,
                    truth.memberId(),
                    "registeredAt",
                    member.registeredAt(),
                    truth.registeredAt());
            compare(
                    differences,
                    MEMBER_FIELD,
                    truth.memberId(),
                    "accountHash",
                    member.accountHash(),
                    truth.accountHash());
            compare(
                    differences,
                    EDGE,
                    truth.memberId(),
                    "recommenderId",
                    member.edgeRecommender(),
                    truth.recommenderId());
        }
        while (!toWalk.isEmpty()) {
            String parent = toWalk.poll();
            for (Member child : recommendees(parent)) {
                if (!graph.containsKey(child.memberId()) && onLedger.add(child.memberId())) {
                    differences.add(AuditDifference.of(
                            MEMBER_NOT_IN_GRAPH,
                            child.memberId(),
                            null,
                            null,
                            child.status().name()));
                    toWalk.add(child.memberId());
                }
            }
        }
        return onLedger;
    }

    private void auditBalances(Set<String> onLedger, List<AuditDifference> differences) {
        Map<String, Long> graphBalances = wallets.balances();
        Set<String> members = new LinkedHashSet<>(onLedger);
        members.addAll(graphBalances.keySet());
        for (String memberId : members) {
            long graphBalance = graphBalances.getOrDefault(memberId, 0L);
            long ledgerBalance;
            try {
                ledgerBalance = money.balance(memberId);
            } catch (LedgerException e) {
                if (!ErrorCode.MEMBER_NOT_FOUND.is(e.code())) {
                    throw e;
                }
                ledgerBalance = 0;
            }
            compare(differences, BALANCE, memberId, "balance", graphBalance, ledgerBalance);
        }
    }

    private int auditCycles(List<AuditDifference> differences) {
        long graphMinted = 0;
        int checked = 0;
        for (CyclePlan plan : cycles.cycles()) {
            checked++;
            CycleProgress progress = cycles.progress(plan.cycleId());
            graphMinted = Math.addExact(graphMinted, Math.addExact(progress.amountPaid(), progress.amountReleased()));
            int recorded = progress.entriesRecorded();
            Optional<Cycle> onChain = rewards.cycle(plan.cycleId());
            if (onChain.isEmpty()) {
                boolean expected = plan.entryCount() == 0 || (plan.state() != CycleState.COMPLETE && recorded == 0);
                if (!expected) {
                    differences.add(AuditDifference.of(
                            CYCLE_NOT_ON_LEDGER,
                            plan.cycleId(),
                            null,
                            plan.state() + ", " + recorded + " recorded",
                            null));
                }
                continue;
            }
            Cycle cycle = onChain.get();
            String id = plan.cycleId();
            compare(differences, CYCLE_FIELD, id, "merkleRoot", plan.merkleRoot(), cycle.merkleRoot());
            compare(differences, CYCLE_FIELD, id, "policyVersion", plan.policyVersion(), cycle.policyVersion());
            compare(differences, CYCLE_FIELD, id, "cycleStart", plan.cycleStart(), cycle.cycleStart());
            compare(differences, CYCLE_FIELD, id, "cycleEnd", plan.cycleEnd(), cycle.cycleEnd());
            compare(differences, CYCLE_FIELD, id, "entryCount", plan.entryCount(), cycle.entryCount());
            compare(differences, CYCLE_FIELD, id, "entriesRecorded", recorded, cycle.entriesRecorded());
            compare(differences, CYCLE_FIELD, id, "totalPaid", progress.amountPaid(), cycle.totalPaid());
            compare(differences, CYCLE_FIELD, id, "totalHeld", progress.amountHeld(), cycle.totalHeld());
            compare(differences, CYCLE_FIELD, id, "totalReleased", progress.amountReleased(), cycle.totalReleased());
            compare(differences, CYCLE_FIELD, id, "totalForfeited", progress.amountForfeited(), cycle.totalForfeited());
        }
        compare(differences, TOTAL_SUPPLY, "ledger", "totalSupply", graphMinted, money.totalSupply());
        return checked;
    }

    private Optional<Member> ledgerMember(String memberId) {
        return LedgerClient.absentOn(
                () -> ledger.getMember(memberId), ErrorCode.MEMBER_NOT_FOUND, ErrorCode.INVALID_ARGUMENT);
    }

    private List<Member> recommendees(String memberId) {
        List<Member> children = new ArrayList<>();
        String bookmark = "";
        do {
            Page<Member> page = ledger.listRecommendees(memberId, PAGE, bookmark);
            children.addAll(page.items());
            bookmark = page.bookmark() == null ? "" : page.bookmark();
        } while (!bookmark.isEmpty());
        return children;
    }

    private static void compare(
            List<AuditDifference> differences,
            AuditDifference.Kind kind,
            String subject,
            String field,
            Object graph,
            Object ledger) {
        if (!Objects.equals(graph == null ? null : graph.toString(), ledger == null ? null : ledger.toString())) {
            differences.add(AuditDifference.of(kind, subject, field, graph, ledger));
        }
    }
}
