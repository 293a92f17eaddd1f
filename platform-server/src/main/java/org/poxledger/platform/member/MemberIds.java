package org.poxledger.platform.member;

import java.security.SecureRandom;

/**
 * Opaque member ids (DESIGN §3): {@code m_} and 20 base32 characters (100 random bits), never derived from personal
 * data, and inside the chaincode's id alphabet {@code [A-Za-z0-9_-]}.
 */
public final class MemberIds {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MemberIds() {}

    /** @return a fresh member id */
    public static String newMemberId() {
        return "m_" + randomBase32(20);
    }

    /**
     * @param length number of characters, 5 random bits each
     * @return random lower-case base32 text
     */
    public static String randomBase32(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE32[RANDOM.nextInt(32)];
        }
        return new String(chars);
    }
}
