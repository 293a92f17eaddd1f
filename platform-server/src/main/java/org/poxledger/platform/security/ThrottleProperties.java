package org.poxledger.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.security.throttle.*}: how many failed attempts are free, and how fast they come back. Past the free ones
 * every further attempt waits one refill period (answered 429 with {@code Retry-After}), so guessing slows to one try
 * per period, per account and per address.
 *
 * @param accountAttempts failed log-ins per account before it is throttled
 * @param accountRefill one more attempt per account after this long
 * @param addressAttempts failed log-ins per client address before it is throttled (spraying many accounts)
 * @param addressRefill one more attempt per address after this long
 * @param guessAttempts wrong setup tokens or unknown invitation codes per address before it is throttled
 * @param guessRefill one more guess per address after this long
 */
@ConfigurationProperties("pox.security.throttle")
public record ThrottleProperties(
        int accountAttempts,
        Duration accountRefill,
        int addressAttempts,
        Duration addressRefill,
        int guessAttempts,
        Duration guessRefill) {

    public ThrottleProperties {
        accountAttempts = accountAttempts <= 0 ? 5 : accountAttempts;
        accountRefill = accountRefill == null ? Duration.ofMinutes(1) : accountRefill;
        addressAttempts = addressAttempts <= 0 ? 20 : addressAttempts;
        addressRefill = addressRefill == null ? Duration.ofSeconds(15) : addressRefill;
        guessAttempts = guessAttempts <= 0 ? 10 : guessAttempts;
        guessRefill = guessRefill == null ? Duration.ofSeconds(30) : guessRefill;
    }

    /** @return how long until an untouched bucket is full again, hence may be forgotten */
    Duration longestRecovery() {
        Duration account = accountRefill.multipliedBy(accountAttempts);
        Duration address = addressRefill.multipliedBy(addressAttempts);
        Duration guess = guessRefill.multipliedBy(guessAttempts);
        Duration longest = account.compareTo(address) >= 0 ? account : address;
        return longest.compareTo(guess) >= 0 ? longest : guess;
    }
}
