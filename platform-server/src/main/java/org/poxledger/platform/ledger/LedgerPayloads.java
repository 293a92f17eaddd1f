package org.poxledger.platform.ledger;

import java.nio.charset.StandardCharsets;
import org.poxledger.ledger.LedgerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the chaincode's JSON answers and event payloads. A payload that does not match the wire contract is a ledger
 * failure (the chaincode and the server disagree), reported as {@code CHAINCODE_ERROR} with the text received.
 */
public final class LedgerPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LedgerPayloads() {}

    /**
     * @param json a payload from the ledger
     * @param type the wire record it must hold
     * @return the parsed record
     * @throws LedgerException {@code CHAINCODE_ERROR} when the payload is not such a record
     */
    public static <T> T read(byte[] json, Class<T> type) {
        return read(json, JSON.constructType(type));
    }

    /**
     * @param json a payload from the ledger
     * @param type the wire record it must hold, e.g. a {@code Page} of members
     * @return the parsed record
     * @throws LedgerException {@code CHAINCODE_ERROR} when the payload is not such a record
     */
    public static <T> T read(byte[] json, JavaType type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new LedgerException(
                    LedgerException.CHAINCODE_ERROR,
                    "unreadable " + type.getRawClass().getSimpleName() + " from the ledger: "
                            + new String(json, StandardCharsets.UTF_8),
                    null,
                    e);
        }
    }
}
