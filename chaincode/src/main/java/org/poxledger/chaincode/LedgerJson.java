package org.poxledger.chaincode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.poxledger.contract.ErrorCode;

/**
 * The deterministic JSON codec: every endorsing peer must produce byte-identical responses, events and write sets, so
 * object properties and map keys are written sorted, absent optional fields are omitted, and floating-point numbers
 * are refused in both directions (the ledger only knows integer minor units and basis points).
 */
final class LedgerJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(noFloatingPoint())
            .build();

    private LedgerJson() {}

    /**
     * @param value a model record, map or tree
     * @return its canonical JSON as UTF-8 bytes
     */
    static byte[] bytes(final Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param value a model record, map or tree
     * @return its canonical JSON text
     */
    static String text(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * @param value a model record
     * @return the record as a JSON object tree, for payloads that add fields to a record
     */
    static ObjectNode tree(final Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Reads a value this chaincode wrote itself; a failure means corrupt world state, not bad input.
     *
     * @param state the stored bytes
     * @param type the model record type
     * @return the record
     */
    static <T> T read(final byte[] state, final Class<T> type) {
        try {
            return MAPPER.readValue(state, type);
        } catch (IOException e) {
            throw new IllegalStateException("World state holds an unreadable " + type.getSimpleName(), e);
        }
    }

    /**
     * Parses a JSON argument strictly: no duplicate keys, no trailing content.
     *
     * @param argument the argument name used in error messages
     * @param json the argument text
     * @return the parsed tree
     * @throws org.hyperledger.fabric.shim.ChaincodeException MALFORMED_JSON when the text is not JSON
     */
    static JsonNode parse(final String argument, final String json) {
        if (json == null || json.isBlank()) {
            throw LedgerRefusal.of(ErrorCode.MALFORMED_JSON, "%s is empty; a JSON object is required", argument);
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw LedgerRefusal.of(
                    ErrorCode.MALFORMED_JSON, "%s is not valid JSON: %s", argument, e.getOriginalMessage());
        }
    }

    private static SimpleModule noFloatingPoint() {
        final JsonSerializer<Object> refuse = new JsonSerializer<>() {
            @Override
            public void serialize(final Object value, final JsonGenerator gen, final SerializerProvider provider)
                    throws IOException {
                throw new IllegalStateException(
                        "Floating-point value " + value + " may not be written to the ledger; use integer units");
            }
        };
        final SimpleModule module = new SimpleModule("no-floating-point");
        module.addSerializer(Double.class, refuse);
        module.addSerializer(double.class, refuse);
        module.addSerializer(Float.class, refuse);
        module.addSerializer(float.class, refuse);
        module.addSerializer(BigDecimal.class, refuse);
        return module;
    }
}
