package org.poxledger.platform.level;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.poxledger.contract.PolicyLimits;

/**
 * The per-member counters {@code n_1..n_10} (DESIGN §5), kept on each {@code :Member} node as the list property
 * {@code counts} of exactly {@link #MAX_DEPTH} entries, whatever the current policy's depth: a policy with a deeper
 * {@code maxDepth} (up to 10) can then be published without a migration.
 */
public final class DepthCounts {

    /** The deepest depth any policy may use (policy rule: maxDepth 1..10). */
    public static final int MAX_DEPTH = PolicyLimits.MAX_DEPTH;

    /** {@code [0, 0, ..., 0]}, the counters of a new member. */
    public static final List<Long> ZEROS = Collections.nCopies(MAX_DEPTH, 0L);

    private DepthCounts() {}

    /** @return the counters as an array, padded with zeros to {@link #MAX_DEPTH} */
    public static long[] toArray(List<? extends Number> counts) {
        long[] array = new long[MAX_DEPTH];
        for (int i = 0; i < Math.min(MAX_DEPTH, counts.size()); i++) {
            array[i] = counts.get(i).longValue();
        }
        return array;
    }

    /** @return the counters as a list for a Cypher parameter */
    public static List<Long> toList(long[] counts) {
        List<Long> list = new ArrayList<>(MAX_DEPTH);
        for (int i = 0; i < MAX_DEPTH; i++) {
            list.add(i < counts.length ? counts[i] : 0L);
        }
        return list;
    }
}
