package org.poxledger.ledger.memory;

import java.util.List;
import java.util.Map;

/**
 * Fabric's commit-time checks of a read set against the current state: every key read must still have the version the
 * transaction saw (MVCC_READ_CONFLICT), and every range query re-run now must return the same keys with the same
 * versions (PHANTOM_READ_CONFLICT).
 */
final class ReadSetValidator {

    private final InMemoryWorldState world;
    private final String txId;

    ReadSetValidator(final InMemoryWorldState world, final String txId) {
        this.world = world;
        this.txId = txId;
    }

    void validate(final ReadSet reads) {
        final long now = world.height();
        for (final Map.Entry<String, Long> read : reads.keys().entrySet()) {
            final long current = versionOf(world.read(read.getKey(), now));
            if (current != read.getValue()) {
                throw new ReadConflictException(
                        "MVCC_READ_CONFLICT",
                        txId,
                        "transaction " + txId + " read key " + printable(read.getKey()) + " at version "
                                + read.getValue() + " but it is now at version " + current);
            }
        }
        for (final RangeRead range : reads.ranges()) {
            if (range.constrains()) {
                validateRange(range, now);
            }
        }
    }

    private void validateRange(final RangeRead range, final long now) {
        final List<VersionedKeyValue> current = world.scan(
                range.startKey(),
                range.validationEnd(),
                range.validationEndInclusive(),
                now,
                InMemoryWorldState.TOTAL_QUERY_LIMIT);
        final List<String> seenKeys = range.consumedKeys();
        final List<Long> seenVersions = range.consumedVersions();
        boolean same = current.size() == seenKeys.size();
        for (int i = 0; same && i < current.size(); i++) {
            same = current.get(i).key().equals(seenKeys.get(i))
                    && current.get(i).version() == seenVersions.get(i);
        }
        if (!same) {
            throw new ReadConflictException(
                    "PHANTOM_READ_CONFLICT",
                    txId,
                    "transaction " + txId + " ran a range query from " + printable(range.startKey())
                            + " whose results changed before it committed");
        }
    }

    private static long versionOf(final KeyVersions.Version version) {
        return version == null || version.isDelete() ? ReadSet.ABSENT : version.block();
    }

    /** Composite keys hold U+0000 separators; show them so the message stays readable. */
    static String printable(final String key) {
        return '"' + key.replace("\u0000", "\\u0000") + '"';
    }
}
