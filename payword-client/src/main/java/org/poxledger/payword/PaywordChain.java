package org.poxledger.payword;

import java.util.Arrays;
import java.util.Objects;

/**
 * A payer's hash chain, generated on the payer's side from a secret 32-byte seed (DESIGN §8): {@code w_n = seed},
 * {@code w_(i-1) = H(w_i)}, so the root is {@code w_0 = H^n(seed)}. Paying {@code k} units after {@code i} reveals
 * {@code w_(i+k)}; anyone holding {@code w_0} checks it with {@code k} hashes. The seed is a chain's last word and is
 * used for one chain only: it reaches the server only if the payer pays all {@code n} units.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * PaywordChain chain = PaywordChain.fromSeed(seed, 1000);
 * String root = chain.root();           // commit it in channels:OpenChannel
 * Payment p = chain.payment("ch-1", 3); // the third unit: send it to the broker
 * }</pre>
 */
public final class PaywordChain {

    /** Longest chain a channel may commit to: a redeem from the root then costs at most this many hashes. */
    public static final int MAX_LENGTH = 1_000_000;

    private final byte[][] words;

    private PaywordChain(final byte[][] words) {
        this.words = words;
    }

    /**
     * @param seed the payer's secret, {@value PaywordHash#WORD_BYTES} random bytes, one chain per seed
     * @param length {@code n}, 1..{@value #MAX_LENGTH}
     * @return the chain, all {@code n + 1} words computed once (32 bytes each)
     */
    public static PaywordChain fromSeed(final byte[] seed, final int length) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != PaywordHash.WORD_BYTES) {
            throw new IllegalArgumentException(
                    "a seed is " + PaywordHash.WORD_BYTES + " bytes like every payword, got " + seed.length);
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("chain length must be 1.." + MAX_LENGTH + ", got " + length);
        }
        final PaywordHash hash = new PaywordHash();
        final byte[][] words = new byte[length + 1][];
        words[length] = seed.clone();
        for (int i = length - 1; i >= 0; i--) {
            words[i] = hash.hash(words[i + 1], 1);
        }
        return new PaywordChain(words);
    }

    /** @return {@code n}, the number of units the chain can pay */
    public int length() {
        return words.length - 1;
    }

    /** @return {@code w_0} as hex, the commitment the channel is opened with */
    public String root() {
        return word(0);
    }

    /**
     * @param index 0..n
     * @return {@code w_index} as hex
     */
    public String word(final int index) {
        if (index < 0 || index > length()) {
            throw new IllegalArgumentException("index must be 0.." + length() + ", got " + index);
        }
        return PaywordHash.text(words[index]);
    }

    /**
     * @param channelId the channel the chain was committed to
     * @param index 1..n: the total number of units paid so far
     * @return the payment revealing {@code w_index}
     */
    public Payment payment(final String channelId, final int index) {
        if (index < 1) {
            throw new IllegalArgumentException("a payment index starts at 1, got " + index);
        }
        return new Payment(channelId, index, word(index));
    }

    @Override
    public String toString() {
        return "PaywordChain[length=" + length() + ", root=" + root() + "]";
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PaywordChain chain && Arrays.deepEquals(words, chain.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words[0]);
    }
}
