package org.poxledger.ledger.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every committed version of one key, oldest first. Keeping them all gives both {@code getHistoryForKey} and snapshot
 * reads: a transaction reads the state as of the block height at which it started, whatever commits meanwhile.
 */
final class KeyVersions {

    /**
     * One committed write.
     *
     * @param block the block (one transaction per block) that wrote it; it is also the MVCC version
     * @param txId the writing transaction
     * @param timestamp that transaction's timestamp
     * @param value the value, {@code null} for a delete
     */
    record Version(long block, String txId, Instant timestamp, byte[] value) {

        boolean isDelete() {
            return value == null;
        }
    }

    private final List<Version> versions = new ArrayList<>(1);

    void add(final Version version) {
        versions.add(version);
    }

    /** @return the version visible at {@code height}, or {@code null} when the key had never been written by then */
    Version at(final long height) {
        int low = 0;
        int high = versions.size() - 1;
        Version found = null;
        while (low <= high) {
            final int middle = (low + high) >>> 1;
            final Version candidate = versions.get(middle);
            if (candidate.block() <= height) {
                found = candidate;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** @return the versions visible at {@code height}, newest first as Fabric's history database returns them */
    List<Version> newestFirst(final long height) {
        final List<Version> result = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).block() <= height) {
                result.add(versions.get(i));
            }
        }
        return result;
    }
}
