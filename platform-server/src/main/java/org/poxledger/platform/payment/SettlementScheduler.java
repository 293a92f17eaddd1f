package org.poxledger.platform.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reconciles with the ledger at start-up, then redeems channels before they expire. */
@Component
class SettlementScheduler {

    private static final Logger log = LoggerFactory.getLogger(SettlementScheduler.class);

    private final PaymentBroker broker;
    private final PaymentProperties properties;

    SettlementScheduler(PaymentBroker broker, PaymentProperties properties) {
        this.broker = broker;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcile() {
        try {
            broker.reconcileAll();
        } catch (RuntimeException e) {
            // the ledger may be down at start; accepting still works, and the next start or settlement reconciles
            log.warn("payment channels not reconciled at start-up: {}", e.getMessage());
        }
    }

    @Scheduled(
            initialDelayString = "${pox.payment.settle-interval:PT30S}",
            fixedDelayString = "${pox.payment.settle-interval:PT30S}")
    void settleExpiring() {
        if (!properties.settleInterval().isPositive()) {
            return;
        }
        broker.settleExpiring();
    }
}
