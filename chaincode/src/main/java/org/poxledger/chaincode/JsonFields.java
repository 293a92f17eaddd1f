package org.poxledger.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.poxledger.contract.ErrorCode;

/**
 * Strict, path-aware access to the fields of one JSON object inside a JSON argument. Every failure is MALFORMED_JSON
 * and names the argument and the full field path ({@code chunkJson field entries[2].amount ...}), so a caller can fix
 * the exact field. Numbers must be JSON integers: {@code 1.0} and {@code 1e3} are refused, never rounded.
 */
final class JsonFields {

    private final String argument;
    private final String path;
    private final JsonNode node;

    private JsonFields(final String argument, final String path, final JsonNode node) {
        this.argument = argument;
        this.path = path;
        this.node = node;
    }

    /**
     * @param argument the argument name, e.g. {@code policyJson}
     * @param json the argument text
     * @return the top-level object
     */
    static JsonFields parseObject(final String argument, final String json) {
        final JsonNode root = LedgerJson.parse(argument, json);
        if (!root.isObject()) {
            throw LedgerRefusal.of(
                    ErrorCode.MALFORMED_JSON, "%s must be a JSON object, got %s", argument, root.getNodeType());
        }
        return new JsonFields(argument, "", root);
    }

    /**
     * Refuses fields outside the documented shape, so a typo ({@code "ammount"}) is reported instead of ignored.
     *
     * @param allowed the documented field names
     * @return this
     */
    JsonFields onlyFields(final String... allowed) {
        final Set<String> known = Set.of(allowed);
        final Set<String> unknown = new TreeSet<>();
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw malformed("unknown field " + path + unknown.iterator().next() + "; allowed fields are "
                    + new TreeSet<>(Arrays.asList(allowed)));
        }
        return this;
    }

    String string(final String field) {
        final JsonNode value = required(field);
        if (!value.isTextual()) {
            throw malformed("field " + path + field + " must be a JSON string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    long longValue(final String field) {
        return asLong(field, required(field));
    }

    int intValue(final String field) {
        return asInt(path + field, required(field));
    }

    List<Integer> intList(final String field) {
        final JsonNode array = array(field);
        final List<Integer> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(asInt(path + field + "[" + i + "]", array.get(i)));
        }
        return values;
    }

    List<String> stringList(final String field) {
        final JsonNode array = array(field);
        final List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            final JsonNode element = array.get(i);
            if (!element.isTextual()) {
                throw malformed(
                        "field " + path + field + "[" + i + "] must be a JSON string, got " + element.getNodeType());
            }
            values.add(element.textValue());
        }
        return values;
    }

    List<JsonFields> objectList(final String field) {
        final JsonNode array = array(field);
        final List<JsonFields> objects = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            final String elementPath = path + field + "[" + i + "]";
            final JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw malformed("field " + elementPath + " must be a JSON object, got " + element.getNodeType());
            }
            objects.add(new JsonFields(argument, elementPath + ".", element));
        }
        return objects;
    }

    Optional<JsonFields> optionalObject(final String field) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw malformed("field " + path + field + " must be a JSON object, got " + value.getNodeType());
        }
        return Optional.of(new JsonFields(argument, path + field + ".", value));
    }

    private JsonNode array(final String field) {
        final JsonNode value = required(field);
        if (!value.isArray()) {
            throw malformed("field " + path + field + " must be a JSON array, got " + value.getNodeType());
        }
        return value;
    }

    private JsonNode required(final String field) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw malformed("is missing required field " + path + field);
        }
        return value;
    }

    private long asLong(final String field, final JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw malformed("field " + path + field + " must be a JSON integer, got " + shown(value));
        }
        if (!value.canConvertToLong()) {
            throw malformed("field " + path + field + " does not fit in a 64-bit integer: " + shown(value));
        }
        return value.longValue();
    }

    private int asInt(final String fieldPath, final JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw malformed("field " + fieldPath + " must be a JSON integer, got " + shown(value));
        }
        if (!value.canConvertToInt()) {
            throw malformed("field " + fieldPath + " does not fit in a 32-bit integer: " + shown(value));
        }
        return value.intValue();
    }

    private static String shown(final JsonNode value) {
        return Arguments.shown(value.toString());
    }

    private RuntimeException malformed(final String sentence) {
        return LedgerRefusal.of(ErrorCode.MALFORMED_JSON, argument + " " + sentence);
    }
}
