package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.platform.audit.AuditReport;
import org.poxledger.platform.audit.AuditWiring;
import org.poxledger.platform.reward.CyclePlan;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.support.TestLedger;
import org.poxledger.platform.testrig.PoxRig;
import org.poxledger.platform.wallet.TransferRequest;

/**
 * The graph rebuilt from block 0 of a chain that clients other than this server wrote, then audited against the
 * ledger: no difference at all (issue 7 found three after the Fabric IT run).
 *
 * <p>On Fabric the chain is channel {@code pox} of the test network, which the ledger-fabric integration tests
 * (the whole contract suite with its channels, the hot-key and the outage tests) wrote before this module runs: every
 * record shape the chaincode has, partly paid cycles included. On the embedded ledger it is the rig's own activity,
 * mixed with records submitted past the server.
 */
class SharedChainAuditIT {

    private static final Duration IDLE = Duration.ofSeconds(10);

    private PoxRig rig;

    @AfterEach
    void closeLedger() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void a_graph_rebuilt_from_a_chain_other_clients_wrote_audits_to_zero() {
        if (TestLedger.onFabric()) {
            rig = PoxRig.over(
                    TestLedger.connect(TestLedger.fabricVariables().getOrDefault("POX_FABRIC_CHANNEL", "pox")));
        } else {
            rig = PoxRig.start(RewardProperties.defaults());
            activityPastTheServer();
        }

        RebuildReport report = ProjectionWiring.rebuild(rig, ProjectionWiring.listener(rig, rig.ledger))
                .rebuild(rig.lastBlock(), IDLE);
        AuditReport audit = AuditWiring.audit(rig).run();

        // the newest blocks may hold no event (a replayed transfer commits without one): everything after the last
        // replayed event must be such a block
        assertThat(report.lastBlock()).isLessThanOrEqualTo(rig.lastBlock());
        assertThat(rig.ledger.lastEventBlock(report.lastBlock() + 1, rig.lastBlock()))
                .isEmpty();
        assertThat(report.members()).isPositive();
        assertThat(audit.differences()).isEmpty();
        assertThat(audit.membersChecked()).isPositive();
    }

    /** Members, a suspension, a paid cycle, a transfer, and a partly paid cycle written by another client. */
    private void activityPastTheServer() {
        rig.genesis("g");
        rig.join("a", "g");
        rig.join("b", "a");
        rig.suspend("b");
        CyclePlan cycle = rig.rewards.cycles().close(rig.clock.advance(Duration.ofSeconds(1)), "admin");
        rig.rewards.runner().run(cycle.cycleId());
        rig.wallet.transfer("g", "t1", new TransferRequest(null, "a", 300L, ""));
        rig.submit("rewards:PayRewardChunk", """
                {"chunkIndex":0,"chunkStarts":[""],"cycleEnd":2,"cycleId":"external-1","cycleStart":1,"entries":[{"amount":50,"events":1,"level":1,\
                "memberId":"a","rateBps":10000,"scoreBps":10000}],"entryCount":3,\
                "merkleRoot":"%s","policyVersion":1}""".formatted(PoxRig.accountHash("external-1")));
    }
}
