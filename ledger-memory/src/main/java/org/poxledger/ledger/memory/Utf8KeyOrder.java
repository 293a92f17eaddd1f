package org.poxledger.ledger.memory;

import java.util.Comparator;

/**
 * Orders keys as a Fabric peer's LevelDB does: by their UTF-8 bytes, which is code-point order. {@link
 * String#compareTo} compares UTF-16 units instead and sorts U+E000..U+FFFF after supplementary characters, so a
 * partial composite key query (whose range ends at U+10FFFF) would miss keys that Fabric returns.
 */
final class Utf8KeyOrder implements Comparator<String> {

    static final Utf8KeyOrder INSTANCE = new Utf8KeyOrder();

    private Utf8KeyOrder() {}

    @Override
    public int compare(final String left, final String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            final int a = left.codePointAt(i);
            final int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }
}
