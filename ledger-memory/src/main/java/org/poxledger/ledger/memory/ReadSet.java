package org.poxledger.ledger.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transaction read, with the versions it saw, so that commit can validate it as a Fabric peer does (MVCC and
 * phantom checks). A version is the block number of the write; {@link #ABSENT} stands for Fabric's nil version.
 */
final class ReadSet {

    static final long ABSENT = -1;

    private final Map<String, Long> keys = new LinkedHashMap<>();
    private final List<RangeRead> ranges = new ArrayList<>();

    void recordKey(final String key, final long version) {
        // Reads come from one snapshot, so a second read of the key sees the same version.
        keys.putIfAbsent(key, version);
    }

    RangeRead recordRange(final String startKey, final String endKey) {
        final RangeRead range = new RangeRead(startKey, endKey);
        ranges.add(range);
        return range;
    }

    Map<String, Long> keys() {
        return Collections.unmodifiableMap(keys);
    }

    List<RangeRead> ranges() {
        return Collections.unmodifiableList(ranges);
    }
}
