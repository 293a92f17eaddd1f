package org.poxledger.chaincode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;

/**
 * The wire-contract suite on the embedded ledger. One ledger serves the whole class, as one network would: the
 * scenarios use fresh ids, so they also prove they can share a long-lived ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedLedgerContractTest extends LedgerContractSuite {

    private EmbeddedLedger ledger;
    private EmbeddedLedger auditor;

    @BeforeAll
    void openLedger() {
        ledger = EmbeddedLedger.builder().identity(LedgerIdentity.operator()).open();
        auditor = ledger.as(LedgerIdentity.of("AuditorOrgMSP", "client"));
    }

    @AfterAll
    void closeLedger() {
        auditor.close();
        ledger.close();
    }

    @Override
    protected LedgerConnection operatorConnection() {
        return ledger;
    }

    @Override
    protected LedgerConnection foreignConnection() {
        return auditor;
    }
}
