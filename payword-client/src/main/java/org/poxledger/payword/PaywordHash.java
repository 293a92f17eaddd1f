package org.poxledger.payword;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one hash of PayWord (DESIGN §8): SHA-256 over the 32 raw bytes of the previous word, so {@code w_(i-1) =
 * H(w_i)} and {@code w_0 = H^n(seed)}. Words travel as 64 lower-case hexadecimal characters.
 *
 * <p>Not thread-safe: it reuses one {@link MessageDigest} and one buffer, because a verifier that hashes millions of
 * times a second must not allocate per hash. Use one instance per thread.
 */
public final class PaywordHash {

    /** Bytes of a payword (SHA-256 output). */
    public static final int WORD_BYTES = 32;

    private static final Pattern HEX_WORD = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final byte[] buffer = new byte[WORD_BYTES];

    public PaywordHash() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param word any bytes (a seed or a 32-byte word)
     * @param times how often to hash, 0 or more
     * @return {@code H^times(word)}; the word itself (copied) when times is 0
     */
    public byte[] hash(final byte[] word, final long times) {
        if (times < 0) {
            throw new IllegalArgumentException("cannot hash a negative number of times: " + times);
        }
        if (times == 0) {
            return word.clone();
        }
        final byte[] out = digest.digest(word);
        try {
            for (long i = 1; i < times; i++) {
                digest.update(out, 0, WORD_BYTES);
                digest.digest(out, 0, WORD_BYTES);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 into a 32-byte buffer cannot fail", e);
        }
        return out;
    }

    /**
     * The PayWord check: {@code H^steps(word) = anchor}, in constant time for the comparison.
     *
     * @param word the newer word {@code w_i}
     * @param steps {@code i - j}, at least 1
     * @param anchor the older word {@code w_j} (the root {@code w_0} when nothing was redeemed)
     * @return whether the word belongs to the chain of the anchor, {@code steps} places further on
     */
    public boolean reaches(final byte[] word, final long steps, final byte[] anchor) {
        if (steps < 1) {
            throw new IllegalArgumentException("a payword must lie at least one step past its anchor, got " + steps);
        }
        if (word.length != WORD_BYTES) {
            return false;
        }
        try {
            digest.update(word, 0, WORD_BYTES);
            digest.digest(buffer, 0, WORD_BYTES);
            for (long i = 1; i < steps; i++) {
                digest.update(buffer, 0, WORD_BYTES);
                digest.digest(buffer, 0, WORD_BYTES);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 into a 32-byte buffer cannot fail", e);
        }
        return MessageDigest.isEqual(buffer, anchor);
    }

    /**
     * @param text candidate word text
     * @return whether it is 64 lower-case hexadecimal characters
     */
    public static boolean isWordText(final String text) {
        return text != null && HEX_WORD.matcher(text).matches();
    }

    /**
     * @param text 64 lower-case hexadecimal characters
     * @return the 32 bytes
     * @throws IllegalArgumentException when the text is not a word
     */
    public static byte[] parse(final String text) {
        if (!isWordText(text)) {
            throw new IllegalArgumentException("a payword is 64 lower-case hexadecimal characters");
        }
        return HEX.parseHex(text);
    }

    /**
     * @param word bytes
     * @return lower-case hexadecimal text
     */
    public static String text(final byte[] word) {
        return HEX.formatHex(word);
    }
}
