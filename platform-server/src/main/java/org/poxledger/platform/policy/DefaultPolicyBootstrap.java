package org.poxledger.platform.policy;

import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, publishes the default policy as version 1 when the ledger has none (idempotent: the chaincode returns
 * the stored record for the same content, so several instances starting together agree). If the ledger is not
 * reachable yet, the first use of the catalog does it instead. Not in rebuild-graph mode, which only reads the ledger.
 */
@Component
class DefaultPolicyBootstrap {

    private static final Logger log = LoggerFactory.getLogger(DefaultPolicyBootstrap.class);

    private final LedgerPolicyCatalog catalog;
    private final boolean rebuildMode;

    DefaultPolicyBootstrap(LedgerPolicyCatalog catalog, @Value("${pox.rebuild-graph:false}") boolean rebuildMode) {
        this.catalog = catalog;
        this.rebuildMode = rebuildMode;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishDefaultIfNone() {
        if (rebuildMode) {
            return;
        }
        try {
            PolicyRecord current = catalog.refreshCurrent();
            log.info("reward policy in force: version {} hash {}", current.version(), current.contentHash());
        } catch (LedgerException e) {
            log.warn(
                    "could not read the reward policy at start-up ({}): {}; it is read on first use",
                    e.code(),
                    e.getMessage());
        }
    }
}
