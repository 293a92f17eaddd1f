package org.poxledger.platform.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.projection.*}.
 *
 * @param listenerEnabled whether the chaincode-event listener runs (default true; never in rebuild-graph mode)
 * @param initialBackoff first pause before reconnecting a failed event stream; doubles per failure
 * @param maxBackoff the longest such pause
 * @param rebuildIdleTimeout rebuild-graph stops replaying once the stream delivered nothing for this long (the port
 *     has no "current height" to stop at; anything later is picked up from the checkpoint at the next start)
 * @param catchUpTimeout how long closing a cycle waits for the listener to apply what the ledger has committed
 * @param batchSize most events projected in one graph transaction (default 1000: measured in bench/, larger
 *     batches gained little and hold the ancestors' write locks longer)
 */
@ConfigurationProperties("pox.projection")
public record ProjectionProperties(
        Boolean listenerEnabled,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration rebuildIdleTimeout,
        Duration catchUpTimeout,
        Integer batchSize) {

    public ProjectionProperties {
        listenerEnabled = listenerEnabled == null || listenerEnabled;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        rebuildIdleTimeout = rebuildIdleTimeout == null ? Duration.ofSeconds(5) : rebuildIdleTimeout;
        catchUpTimeout = catchUpTimeout == null ? Duration.ofSeconds(30) : catchUpTimeout;
        batchSize = batchSize == null ? 1000 : batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("pox.projection.batch-size must be at least 1, got " + batchSize);
        }
    }
}
