package org.poxledger.platform.payment;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code pox.payment.*}: the micropayment broker.
 *
 * @param brokerKeyFile where the broker's Ed25519 key pair is kept (created on first start, owner-only)
 * @param settleThreshold unredeemed minor units on one channel that trigger a redeem at once
 * @param settleBeforeExpiry a channel with unredeemed payments is redeemed once its expiry is this close
 * @param acceptMargin no payment is accepted this close to expiry, so every accepted one can still be redeemed
 * @param settleInterval how often channels near expiry are looked for; zero or negative disables it
 * @param journalDir where accepted payments are made durable before their receipt goes out ({@link PaymentJournal});
 *     one directory per server instance; defaults to {@code payment-journal} beside the broker key file
 */
@ConfigurationProperties("pox.payment")
public record PaymentProperties(
        Path brokerKeyFile,
        Long settleThreshold,
        Duration settleBeforeExpiry,
        Duration acceptMargin,
        Duration settleInterval,
        Path journalDir) {

    /** The settings without a journal directory of their own: it goes beside the broker key file. */
    public PaymentProperties(
            Path brokerKeyFile,
            Long settleThreshold,
            Duration settleBeforeExpiry,
            Duration acceptMargin,
            Duration settleInterval) {
        this(brokerKeyFile, settleThreshold, settleBeforeExpiry, acceptMargin, settleInterval, null);
    }

    @ConstructorBinding
    public PaymentProperties {
        brokerKeyFile = brokerKeyFile == null ? Path.of(".pox", "broker-ed25519.key") : brokerKeyFile;
        settleThreshold = settleThreshold == null ? 100_000L : settleThreshold;
        if (settleThreshold < 1) {
            throw new IllegalArgumentException("pox.payment.settle-threshold must be positive, was " + settleThreshold);
        }
        settleBeforeExpiry = settleBeforeExpiry == null ? Duration.ofMinutes(10) : settleBeforeExpiry;
        acceptMargin = acceptMargin == null ? Duration.ofMinutes(1) : acceptMargin;
        settleInterval = settleInterval == null ? Duration.ofSeconds(30) : settleInterval;
        journalDir = journalDir == null ? brokerKeyFile.toAbsolutePath().resolveSibling("payment-journal") : journalDir;
    }

    /**
     * @param brokerKeyFile the key file
     * @return the defaults with that key file
     */
    public static PaymentProperties withKeyFile(Path brokerKeyFile) {
        return new PaymentProperties(brokerKeyFile, null, null, null, null);
    }
}
