package org.poxledger.platform.ledger;

import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The ledger answers a read ({@code money:GetTotalSupply}): Gateway, peer and chaincode are all up. */
@Component("ledger")
class LedgerHealthIndicator extends AbstractHealthIndicator {

    private final LedgerConnection ledger;
    private final LedgerProperties properties;
    private final JsonMapper json;

    LedgerHealthIndicator(LedgerConnection ledger, LedgerProperties properties, JsonMapper json) {
        super("ledger health check failed");
        this.ledger = ledger;
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("mode", properties.mode().name().toLowerCase(java.util.Locale.ROOT));
        try {
            byte[] supply = ledger.evaluate("money:GetTotalSupply");
            builder.up()
                    .withDetail(
                            "totalSupply",
                            json.readTree(supply).path("totalSupply").asLong());
        } catch (LedgerException e) {
            builder.down().withDetail("code", e.code()).withDetail("error", e.getMessage());
        }
    }
}
