package org.poxledger.platform.audit;

import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.testrig.PoxRig;

/** The audit wired by hand over a {@link PoxRig}, for integration tests in other packages. */
public final class AuditWiring {

    private AuditWiring() {}

    public static GraphLedgerAudit audit(PoxRig rig) {
        return new GraphLedgerAudit(
                rig.driver,
                new LedgerClient(rig.ledger),
                rig.money,
                rig.wallets,
                rig.rewards.cycles(),
                rig.rewards.ledger(),
                rig.clock);
    }
}
