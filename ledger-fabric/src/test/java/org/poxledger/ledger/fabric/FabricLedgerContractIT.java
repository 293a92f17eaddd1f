package org.poxledger.ledger.fabric;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.poxledger.chaincode.LedgerContractSuite;
import org.poxledger.ledger.LedgerConnection;

/**
 * The wire-contract suite against the real Fabric network (network-config/network.sh up): the same scenarios the
 * embedded ledger passes, through the Gateway, the orderer and the chaincode service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricLedgerContractIT extends LedgerContractSuite {

    private FabricLedgerConnection operator;
    private FabricLedgerConnection auditor;

    @BeforeAll
    void connect() {
        FabricTestNetwork network = FabricTestNetwork.fromEnvironment();
        operator = network.operator();
        auditor = network.auditor();
    }

    @AfterAll
    void disconnect() {
        if (auditor != null) {
            auditor.close();
        }
        if (operator != null) {
            operator.close();
        }
    }

    @Override
    protected LedgerConnection operatorConnection() {
        return operator;
    }

    @Override
    protected LedgerConnection foreignConnection() {
        return auditor;
    }
}
