package org.poxledger.platform.ledger;

import org.poxledger.ledger.LedgerException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** The ledger answers a read ({@code money:GetTotalSupply}): Gateway, peer and chaincode are all up. */
@Component("ledger")
class LedgerHealthIndicator extends AbstractHealthIndicator {

    private final LedgerClient ledger;
    private final LedgerProperties properties;

    LedgerHealthIndicator(LedgerClient ledger, LedgerProperties properties) {
        super("ledger health check failed");
        this.ledger = ledger;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("mode", properties.mode().name().toLowerCase(java.util.Locale.ROOT));
        try {
            builder.up().withDetail("totalSupply", ledger.getTotalSupply().totalSupply());
        } catch (LedgerException e) {
            builder.down().withDetail("code", e.code()).withDetail("error", e.getMessage());
        }
    }
}
