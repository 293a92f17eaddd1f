package org.poxledger.ledger.memory;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A range-query result with the version the read set needs. */
record VersionedKeyValue(String key, byte[] value, long version) implements KeyValue {

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public byte[] getValue() {
        // A copy, as the shim hands out: chaincode may mutate what it gets without touching the ledger.
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
