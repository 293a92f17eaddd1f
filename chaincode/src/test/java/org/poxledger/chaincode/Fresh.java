package org.poxledger.chaincode;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fresh random ids, so scenarios never collide with each other or with earlier runs on a long-lived shared ledger.
 */
public final class Fresh {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Fresh() {}

    /**
     * @param prefix readable prefix, for example {@code m}
     * @return {@code prefix-} and 16 random characters, a valid ledger id
     */
    public static String id(final String prefix) {
        final StringBuilder id = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** @return 64 random lower-case hex characters, like an account HMAC or a Merkle root */
    public static String accountHash() {
        final byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
