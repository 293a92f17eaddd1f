package org.poxledger.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.platform.audit.AuditDifference.Kind;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.testrig.PoxRig;
import org.poxledger.platform.wallet.TransferRequest;

class GraphLedgerAuditIT {

    private PoxRig rig;
    private GraphLedgerAudit audit;
    private CyclePlan cycle;

    @BeforeEach
    void liveGraph() {
        rig = PoxRig.start(RewardProperties.defaults());
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        rig.join("c", "b");
        cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        rig.wallet.transfer("g", "t1", new TransferRequest(null, "c", 300L, ""));
        audit = new GraphLedgerAudit(
                rig.driver,
                new LedgerClient(rig.ledger),
                rig.money,
                rig.wallets,
                rig.rewards.cycles(),
                rig.rewards.ledger(),
                rig.clock);
    }

    @AfterEach
    void closeLedger() {
        rig.close();
    }

    @Test
    void finds_nothing_when_the_graph_matches_the_ledger() {
        AuditReport report = audit.run();

        assertThat(report.differences()).isEmpty();
        assertThat(report.consistent()).isTrue();
        assertThat(report.membersChecked()).isEqualTo(4);
        assertThat(report.cyclesChecked()).isEqualTo(1);
    }

    @Test
    void reports_every_injected_difference() {
        cypher("MATCH (m:Member {memberId: 'a'}) SET m.status = 'SUSPENDED'");
        cypher("MATCH (:Member {memberId: 'b'})-[r:RECOMMENDED]->(:Member {memberId: 'c'}) DELETE r");
        cypher("MATCH (w:Wallet {memberId: 'g'}) SET w.balance = w.balance + 1");
        cypher("MATCH (e:RewardEntry {memberId: 'b'}) SET e.status = 'HELD'");
        cypher("CREATE (:Member {memberId: 'ghost', status: 'ACTIVE', registeredAt: 1})");

        AuditReport report = audit.run();

        assertThat(report.differences())
                .extracting(AuditDifference::kind, AuditDifference::subject, AuditDifference::field)
                .containsExactlyInAnyOrder(
                        tuple(Kind.MEMBER_FIELD, "a", "status"),
                        tuple(Kind.EDGE, "c", "recommenderId"),
                        tuple(Kind.BALANCE, "g", "balance"),
                        tuple(Kind.CYCLE_FIELD, cycle.cycleId(), "totalPaid"),
                        tuple(Kind.CYCLE_FIELD, cycle.cycleId(), "totalHeld"),
                        tuple(Kind.TOTAL_SUPPLY, "ledger", "totalSupply"),
                        tuple(Kind.MEMBER_NOT_ON_LEDGER, "ghost", null));
        assertThat(report.differences())
                .filteredOn(d -> d.kind() == Kind.MEMBER_FIELD)
                .extracting(AuditDifference::graph, AuditDifference::ledger)
                .containsExactly(tuple("SUSPENDED", "VERIFIED"));
        assertThat(report.differences())
                .filteredOn(d -> d.kind() == Kind.EDGE)
                .extracting(AuditDifference::graph, AuditDifference::ledger)
                .containsExactly(tuple(null, "b"));
    }

    @Test
    void finds_ledger_members_missing_from_the_graph_below_known_ones() {
        rig.joinOnLedgerOnly("x", "c");
        cypher("MATCH (m:Member {memberId: 'c'}) DETACH DELETE m");

        AuditReport report = audit.run();

        assertThat(report.differences())
                .extracting(AuditDifference::kind, AuditDifference::subject)
                .contains(tuple(Kind.MEMBER_NOT_IN_GRAPH, "c"), tuple(Kind.MEMBER_NOT_IN_GRAPH, "x"));
    }

    @Test
    void a_partly_paid_cycle_the_graph_knows_only_from_the_ledger_counts_only_its_recorded_entries() {
        // as a client other than this server writes it (the contract suite does): two entries declared, one paid
        String chunk = """
                {"chunkIndex":0,"chunkStarts":[""],"cycleEnd":2,"cycleId":"external-1","cycleStart":1,"entries":[{"amount":50,"events":1,"level":1,\
                "memberId":"g","rateBps":10000,"scoreBps":10000}],"entryCount":2,\
                "merkleRoot":"%s","policyVersion":1}""".formatted(PoxRig.accountHash("external-1"));
        rig.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        rig.rewards.projection().apply(rig.events().getLast());

        AuditReport report = audit.run();

        assertThat(report.differences()).isEmpty();
        assertThat(report.cyclesChecked()).isEqualTo(2);
    }

    private void cypher(String statement) {
        rig.driver.executableQuery(statement).execute();
    }
}
