package org.poxledger.ledger.memory;

/**
 * One entry of a committed write set.
 *
 * @param key the state key (composite keys keep their U+0000 separators)
 * @param value the new value, {@code null} when the transaction deleted the key (Fabric also treats an empty value as
 *     a delete)
 */
public record StateWrite(String key, byte[] value) {

    /** @return whether this write deletes the key */
    public boolean isDelete() {
        return value == null;
    }
}
