package org.poxledger.ledger.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.poxledger.ledger.LedgerEvent;

/**
 * One journal line per committed transaction:
 *
 * <pre>{@code
 * {"block":3,"event":{"name":"MemberRegistered","payload":"eyJ..."},"timestamp":"2026-11-22T10:15:30.123456789Z",
 *  "txId":"9f2c...","writes":[{"key":"AG1lbWJlcgBtMQA=","value":"eyJ..."},{"deleted":true,"key":"AGNyZWRpd..."}]}
 * }</pre>
 *
 * Keys and values are base64: composite keys hold U+0000 and values are arbitrary bytes.
 */
final class JournalCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private JournalCodec() {}

    static byte[] encode(final CommittedTransaction transaction) {
        final ObjectNode line = JSON.createObjectNode();
        line.put("block", transaction.blockNumber());
        transaction.event().ifPresent(event -> line.putObject("event")
                .put("name", event.name())
                .put("payload", ENCODER.encodeToString(event.payload())));
        line.put("timestamp", transaction.timestamp().toString());
        line.put("txId", transaction.txId());
        final ArrayNode writes = line.putArray("writes");
        for (final StateWrite write : transaction.writes()) {
            final ObjectNode entry = writes.addObject();
            if (write.isDelete()) {
                entry.put("deleted", true);
            }
            entry.put("key", ENCODER.encodeToString(write.key().getBytes(StandardCharsets.UTF_8)));
            if (!write.isDelete()) {
                entry.put("value", ENCODER.encodeToString(write.value()));
            }
        }
        try {
            return JSON.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode transaction " + transaction.txId(), e);
        }
    }

    /** @throws IllegalArgumentException when the line is not a complete, well-formed transaction */
    static CommittedTransaction decode(final String line) {
        try {
            final JsonNode node = JSON.readTree(line);
            final long block = required(node, "block").asLong();
            final String txId = required(node, "txId").asText();
            final Instant timestamp = Instant.parse(required(node, "timestamp").asText());
            final List<StateWrite> writes = new ArrayList<>();
            for (final JsonNode write : required(node, "writes")) {
                final String key =
                        new String(DECODER.decode(required(write, "key").asText()), StandardCharsets.UTF_8);
                writes.add(new StateWrite(
                        key,
                        write.path("deleted").asBoolean(false)
                                ? null
                                : DECODER.decode(required(write, "value").asText())));
            }
            final JsonNode event = node.get("event");
            final Optional<LedgerEvent> ledgerEvent = event == null
                    ? Optional.empty()
                    : Optional.of(new LedgerEvent(
                            block,
                            txId,
                            required(event, "name").asText(),
                            DECODER.decode(required(event, "payload").asText())));
            return new CommittedTransaction(txId, block, timestamp, writes, ledgerEvent);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a journal line: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(final JsonNode node, final String field) {
        final JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }
}
