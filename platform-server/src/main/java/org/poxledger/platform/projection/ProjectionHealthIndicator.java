package org.poxledger.platform.projection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Catch-up progress on {@code /actuator/health}: always UP, because a server whose graph is behind still serves
 * (reads show the graph as of {@code appliedBlock}, writes go to the ledger and are projected on commit); the lag is
 * information for an operator, not a reason to take the server out of rotation.
 */
@Component("projection")
class ProjectionHealthIndicator extends AbstractHealthIndicator {

    private final ChaincodeEventListener listener;

    ProjectionHealthIndicator(ChaincodeEventListener listener) {
        super("projection health check failed");
        this.listener = listener;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ProjectionProgress progress = listener.progress();
        builder.up()
                .withDetail("listening", progress.listening())
                .withDetail("appliedBlock", progress.appliedBlock())
                .withDetail("eventsApplied", progress.eventsApplied())
                .withDetail("eventsPerSecond", progress.eventsPerSecond());
        if (progress.ledgerBlock() != null) {
            builder.withDetail("ledgerBlock", progress.ledgerBlock())
                    .withDetail("lagBlocks", progress.lagBlocks())
                    .withDetail("catchingUp", progress.lagBlocks() > 0);
        }
    }
}
