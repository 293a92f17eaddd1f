package org.poxledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed log-ins per account and per client address, and wrong setup tokens or invitation codes per address,
 * in Bucket4j token buckets (one token per failure, refilled one at a time; see {@link ThrottleProperties}). A caller
 * asks {@link #loginWait} or {@link #guessWait} before it checks anything, and answers 429 while a bucket is empty.
 *
 * <p>The check and the count are not one atomic step: N concurrent attempts may pass a bucket with one token left.
 * That overshoot is bounded by the attacker's concurrency and gone after the next refill period. The buckets live in
 * this process (a restart forgets them) in a bounded cache; instances behind one address throttle each on its own.
 */
@Component
public class AttemptThrottle {

    private static final Logger log = LoggerFactory.getLogger(AttemptThrottle.class);

    private final ThrottleProperties properties;
    private final Cache<String, Bucket> buckets;

    AttemptThrottle(ThrottleProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(properties.longestRecovery())
                .build();
    }

    /** @return how long a log-in for the account from the address must wait, or empty when it may proceed */
    public Optional<Duration> loginWait(String address, String username) {
        Optional<Duration> account = username == null ? Optional.empty() : wait(accountKey(username));
        Optional<Duration> client = wait("address:" + address);
        return longer(account, client);
    }

    /** Counts a failed log-in (wrong password, unknown account). */
    public void loginFailed(String address, String username) {
        if (username != null) {
            consume(accountKey(username), properties.accountAttempts(), properties.accountRefill());
        }
        consume("address:" + address, properties.addressAttempts(), properties.addressRefill());
    }

    /** A correct password clears the account's failures (not the address's: it may be spraying other accounts). */
    public void loginSucceeded(String username) {
        buckets.invalidate(accountKey(username));
    }

    /** @return how long a setup-token or invitation-code attempt from the address must wait, or empty */
    public Optional<Duration> guessWait(String address) {
        return wait("guess:" + address);
    }

    /** Counts a wrong setup token or an unknown invitation code. */
    public void guessFailed(String address) {
        consume("guess:" + address, properties.guessAttempts(), properties.guessRefill());
    }

    /** Forgets every count (tests that share one server start from zero). */
    void clear() {
        buckets.invalidateAll();
    }

    private Optional<Duration> wait(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Optional.of(Duration.ofNanos(Math.max(nanos, 1)));
    }

    private void consume(String key, int capacity, Duration refill) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillIntervally(1, refill)
                        .build())
                .build());
        if (!bucket.tryConsume(1) || bucket.getAvailableTokens() == 0) {
            log.warn("throttling {} after {} failed attempts", key, capacity);
        }
    }

    private static String accountKey(String username) {
        return "account:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
