package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

/**
 * Drives one {@link LedgerConnection} in tests with JSON in and out, and asserts refusals by their wire error code.
 * Only the port is used, so the same scenarios run on the embedded ledger and on a real Fabric network.
 */
public final class LedgerDriver {

    /** Plain Jackson: chaincode output is already canonical, so re-writing a parsed tree keeps its key order. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerConnection ledger;

    public LedgerDriver(final LedgerConnection ledger) {
        this.ledger = ledger;
    }

    /** @return the wrapped connection */
    public LedgerConnection connection() {
        return ledger;
    }

    /**
     * @param transaction {@code contract:Transaction}
     * @param args arguments
     * @return the committed result
     */
    public LedgerResult submitResult(final String transaction, final String... args) {
        return ledger.submit(transaction, args);
    }

    /**
     * @param transaction {@code contract:Transaction}
     * @param args arguments
     * @return the response JSON of the committed transaction
     */
    public JsonNode submit(final String transaction, final String... args) {
        return parse(submitResult(transaction, args).payload());
    }

    /**
     * @param transaction {@code contract:Transaction}
     * @param args arguments
     * @return the response JSON of the query
     */
    public JsonNode evaluate(final String transaction, final String... args) {
        return parse(ledger.evaluate(transaction, args));
    }

    /**
     * Submits a transaction that must be refused.
     *
     * @param code the expected wire error code
     * @param transaction {@code contract:Transaction}
     * @param args arguments
     * @return the refusal, for further checks of its message
     */
    public LedgerException refusedSubmit(final String code, final String transaction, final String... args) {
        return refused(code, () -> ledger.submit(transaction, args), transaction);
    }

    /**
     * Evaluates a query that must be refused.
     *
     * @param code the expected wire error code
     * @param transaction {@code contract:Transaction}
     * @param args arguments
     * @return the refusal, for further checks of its message
     */
    public LedgerException refusedEvaluate(final String code, final String transaction, final String... args) {
        return refused(code, () -> ledger.evaluate(transaction, args), transaction);
    }

    /**
     * @param payload UTF-8 JSON
     * @return the parsed tree
     */
    public static JsonNode parse(final byte[] payload) {
        try {
            return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Ledger answered with something that is not JSON", e);
        }
    }

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * @param node a tree
     * @return its JSON text, keys in the tree's order
     */
    public static String text(final JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LedgerException refused(final String code, final Runnable call, final String transaction) {
        final LedgerException refusal = catchThrowableOfType(LedgerException.class, call::run);
        assertThat(refusal).as("%s must be refused with %s", transaction, code).isNotNull();
        assertThat(refusal.code())
                .as("error code of %s: %s", transaction, refusal.getMessage())
                .isEqualTo(code);
        assertThat(refusal.getMessage()).as("message of the %s refusal", code).isNotBlank();
        return refusal;
    }
}
