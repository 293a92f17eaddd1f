package org.poxledger.platform.wallet;

import org.neo4j.driver.Driver;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.policy.LedgerPolicyCatalog;

/** The wallet beans wired by hand for integration tests in other packages. */
public final class WalletWiring {

    private WalletWiring() {}

    public static WalletProjection projection(Driver driver) {
        return new WalletProjection(driver);
    }

    public static WalletService service(
            LedgerConnection ledger, WalletProjection projection, LedgerPolicyCatalog policies) {
        return new WalletService(new MoneyLedger(new LedgerClient(ledger)), projection, policies);
    }
}
