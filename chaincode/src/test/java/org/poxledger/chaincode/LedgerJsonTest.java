package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poxledger.chaincode.Refusals.assertRefused;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.Page;

class LedgerJsonTest {

    @Test
    void writes_record_properties_in_sorted_order_and_omits_absent_fields() {
        final Member genesis = new Member("ab", "m1", null, 5, "tx1", MemberStatus.VERIFIED, 5);

        assertThat(LedgerJson.text(genesis))
                .isEqualTo("{\"accountHash\":\"ab\",\"memberId\":\"m1\",\"registeredAt\":5,"
                        + "\"registeredTxId\":\"tx1\",\"status\":\"VERIFIED\",\"statusChangedAt\":5}");
    }

    @Test
    void writes_map_keys_and_added_tree_fields_in_sorted_order() {
        final Map<String, Object> unordered = new java.util.LinkedHashMap<>();
        unordered.put("zeta", 1);
        unordered.put("alpha", List.of(2, 3));

        assertThat(LedgerJson.text(unordered)).isEqualTo("{\"alpha\":[2,3],\"zeta\":1}");
        assertThat(LedgerJson.text(LedgerJson.tree(new Page<>("", List.of())).put("aardvark", "x")))
                .isEqualTo("{\"aardvark\":\"x\",\"bookmark\":\"\",\"items\":[]}");
    }

    @Test
    void refuses_to_write_floating_point_numbers() {
        assertThatThrownBy(() -> LedgerJson.text(new TreeMap<>(Map.of("amount", 1.5))))
                .hasStackTraceContaining("Floating-point value 1.5 may not be written");
    }

    @Test
    void refuses_arguments_that_are_not_json_or_have_duplicate_keys_or_trailing_content() {
        assertRefused(ErrorCode.MALFORMED_JSON, () -> LedgerJson.parse("policyJson", "{"))
                .hasMessageContaining("policyJson is not valid JSON");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> LedgerJson.parse("policyJson", "{\"a\":1,\"a\":2}"));
        assertRefused(ErrorCode.MALFORMED_JSON, () -> LedgerJson.parse("policyJson", "{} {}"));
        assertRefused(ErrorCode.MALFORMED_JSON, () -> LedgerJson.parse("policyJson", " "))
                .hasMessage("MALFORMED_JSON: policyJson is empty; a JSON object is required");
    }

    @Test
    void json_fields_refuse_floats_big_numbers_wrong_types_and_unknown_fields_naming_the_path() {
        final JsonFields fields = JsonFields.parseObject(
                "chunkJson", "{\"a\":1.0,\"b\":99999999999999999999,\"c\":\"7\",\"list\":[{\"x\":1e3}]}");

        assertRefused(ErrorCode.MALFORMED_JSON, () -> fields.longValue("a"))
                .hasMessage("MALFORMED_JSON: chunkJson field a must be a JSON integer, got '1.0'");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> fields.longValue("b"))
                .hasMessageContaining("chunkJson field b does not fit in a 64-bit integer");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> fields.intValue("c"))
                .hasMessageContaining("chunkJson field c must be a JSON integer");
        assertRefused(
                        ErrorCode.MALFORMED_JSON,
                        () -> fields.objectList("list").get(0).longValue("x"))
                .hasMessageContaining("chunkJson field list[0].x must be a JSON integer");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> fields.string("missing"))
                .hasMessage("MALFORMED_JSON: chunkJson is missing required field missing");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> fields.onlyFields("a", "b", "c"))
                .hasMessageContaining("unknown field list");
        assertRefused(ErrorCode.MALFORMED_JSON, () -> JsonFields.parseObject("chunkJson", "[1]"))
                .hasMessage("MALFORMED_JSON: chunkJson must be a JSON object, got ARRAY");
    }
}
