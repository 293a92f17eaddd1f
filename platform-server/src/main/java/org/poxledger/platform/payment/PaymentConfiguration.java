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
    BrokerKey brokerKey(PaymentProperties properties) {
        return BrokerKey.loadOrCreate(properties.brokerKeyFile());
    }

    @Bean
    PaymentBroker paymentBroker(
            LedgerClient ledger,
            ChannelBook book,
            BrokerKey key,
            PaymentProperties properties,
            Clock clock,
            ChannelProjection projection,
            WalletShares wallets,
            SpendingCaps caps) {
        SimpleAsyncTaskExecutor settlements = new SimpleAsyncTaskExecutor("settle-");
        settlements.setVirtualThreads(true);
        return new PaymentBroker(ledger, book, key, properties, clock, settlements, projection, wallets, caps);
    }
}
