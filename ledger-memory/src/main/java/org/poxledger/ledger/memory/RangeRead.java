package org.poxledger.ledger.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * One range query of a transaction and the results the chaincode actually consumed. Like Fabric's RangeQueryInfo, the
 * range that commit re-checks ends at the last consumed key, unless the chaincode iterated to the end; results it never
 * looked at cannot make the transaction invalid.
 */
final class RangeRead {

    private final String startKey;
    private String endKey;
    private boolean exhausted;
    private final List<String> consumedKeys = new ArrayList<>();
    private final List<Long> consumedVersions = new ArrayList<>();

    /**
     * @param startKey first key of the range, inclusive
     * @param endKey end of the range, exclusive; {@code null} when unbounded
     */
    RangeRead(final String startKey, final String endKey) {
        this.startKey = startKey;
        this.endKey = endKey;
    }

    void consumed(final String key, final long version) {
        consumedKeys.add(key);
        consumedVersions.add(version);
    }

    /** @param scannedEnd where the scan really stopped, exclusive ({@code null} = unbounded): a page ends early */
    void exhausted(final String scannedEnd) {
        this.exhausted = true;
        this.endKey = scannedEnd;
    }

    /** @return whether commit has anything to check: results were consumed or the range was read to its end */
    boolean constrains() {
        return exhausted || !consumedKeys.isEmpty();
    }

    String startKey() {
        return startKey;
    }

    /** @return the end of the range to re-check; {@code null} when unbounded */
    String validationEnd() {
        return exhausted ? endKey : consumedKeys.getLast();
    }

    /** @return whether {@link #validationEnd()} itself is in the range: it is when it is the last consumed key */
    boolean validationEndInclusive() {
        return !exhausted;
    }

    List<String> consumedKeys() {
        return consumedKeys;
    }

    List<Long> consumedVersions() {
        return consumedVersions;
    }
}
