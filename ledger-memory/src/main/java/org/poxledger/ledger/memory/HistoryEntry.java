package org.poxledger.ledger.memory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/** One entry of {@code getHistoryForKey}; a delete has an empty value, as Fabric's history database returns it. */
record HistoryEntry(String txId, byte[] value, Instant timestamp, boolean deleted) implements KeyModification {

    static HistoryEntry of(final KeyVersions.Version version) {
        return new HistoryEntry(
                version.txId(),
                version.isDelete() ? new byte[0] : version.value(),
                version.timestamp(),
                version.isDelete());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean isDeleted() {
        return deleted;
    }
}
