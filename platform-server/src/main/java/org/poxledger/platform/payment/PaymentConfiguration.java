package org.poxledger.platform.payment;

import java.time.Clock;
import org.poxledger.platform.ledger.LedgerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** Wires the broker: its key from the configured file, and virtual threads for threshold settlements. */
@Configuration
class PaymentConfiguration {

    @Bean
    PaymentBroker paymentBroker(
            LedgerClient ledger,
            ChannelBook book,
            PaymentProperties properties,
            Clock clock,
            ChannelProjection projection) {
        SimpleAsyncTaskExecutor settlements = new SimpleAsyncTaskExecutor("settle-");
        settlements.setVirtualThreads(true);
        return new PaymentBroker(
                ledger,
                book,
                BrokerKey.loadOrCreate(properties.brokerKeyFile()),
                properties,
                clock,
                settlements,
                projection);
    }
}
