package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poxledger.chaincode.Refusals.assertRefused;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Policy;

class PolicyRulesTest {

    static final String DEFAULT_POLICY = """
            {"version":1,"maxDepth":3,"baseRewardUnits":10000,
             "levelWeightBps":[10000,5000,2500],"payoutShareBps":[10000,2000,500],
             "tiers":[{"level":1,"minScoreBps":0,"minDirect":0,"rateBps":10000},
                      {"level":2,"minScoreBps":30000,"minDirect":2,"rateBps":12500},
                      {"level":3,"minScoreBps":100000,"minDirect":3,"rateBps":15000},
                      {"level":4,"minScoreBps":300000,"minDirect":5,"rateBps":20000},
                      {"level":5,"minScoreBps":1000000,"minDirect":10,"rateBps":30000}],
             "currency":{"symbol":"PXC","decimals":2}}""";

    @Test
    void reads_the_default_policy_into_its_canonical_sorted_form() {
        final Policy policy = PolicyRules.parse(DEFAULT_POLICY);

        assertThat(LedgerJson.text(policy))
                .startsWith("{\"baseRewardUnits\":10000,\"currency\":{\"decimals\":2,\"symbol\":\"PXC\"},"
                        + "\"levelWeightBps\":[10000,5000,2500],\"maxDepth\":3,\"payoutShareBps\":[10000,2000,500],"
                        + "\"tiers\":[{\"level\":1,\"minDirect\":0,\"minScoreBps\":0,\"rateBps\":10000},")
                .endsWith("],\"version\":1}");
    }

    @Test
    void the_content_hash_is_the_sha256_of_the_canonical_json_whatever_the_input_key_order() throws Exception {
        final Policy policy = PolicyRules.parse(DEFAULT_POLICY);
        final String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(LedgerJson.text(policy).getBytes(StandardCharsets.UTF_8)));

        assertThat(PolicyRules.contentHash(policy)).isEqualTo(expected).hasSize(64);
        final String reordered = """
                {"tiers":[{"rateBps":10000,"minDirect":0,"minScoreBps":0,"level":1}],"payoutShareBps":[10000],
                 "maxDepth":1,"levelWeightBps":[10000],"baseRewardUnits":5,"version":1}""";
        final String sorted = """
                {"baseRewardUnits":5,"levelWeightBps":[10000],"maxDepth":1,"payoutShareBps":[10000],
                 "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000}],"version":1}""";
        assertThat(PolicyRules.contentHash(PolicyRules.parse(reordered)))
                .isEqualTo(PolicyRules.contentHash(PolicyRules.parse(sorted)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            version 0 | "version":1, | "version":0, | version must be at least 1
            maxDepth 11 | "maxDepth":3, | "maxDepth":11, | maxDepth must be between 1 and 10
            weights shorter than depth | [10000,5000,2500] | [10000,5000] | levelWeightBps must have exactly maxDepth
            share above 10000 | [10000,2000,500] | [10000,2000,10001] | payoutShareBps[2] must be between 0 and 10000
            negative weight | [10000,5000,2500] | [10000,-1,2500] | levelWeightBps[1] must be between 0 and 10000
            zero base | "baseRewardUnits":10000 | "baseRewardUnits":0 | baseRewardUnits must be greater than 0
            tier 1 | "minScoreBps":0,"minDirect":0 | "minScoreBps":1,"minDirect":0 | tiers[0] must have minScoreBps 0
            level gap | "level":3 | "level":4 | tiers[2].level must be 3
            falling score | "minScoreBps":300000 | "minScoreBps":50000 | tiers[3].minScoreBps must not be lower
            falling direct | "minDirect":5 | "minDirect":1 | tiers[3].minDirect must not be lower
            falling rate | "rateBps":20000 | "rateBps":11000 | tiers[3].rateBps must not be lower
            rate above 100000 | "rateBps":30000 | "rateBps":100001 | tiers[4].rateBps must be between 1 and 100000
            long symbol | "PXC" | "PXCPXCPXC" | currency.symbol must be 1 to 8 characters
            empty symbol | "PXC" | "" | currency.symbol must be 1 to 8 characters
            decimals 9 | "decimals":2 | "decimals":9 | currency.decimals must be between 0 and 8
            """)
    void refuses_a_policy_that_breaks_a_rule_naming_the_rule(
            final String rule, final String from, final String to, final String message) {
        final String broken = DEFAULT_POLICY.replaceFirst(java.util.regex.Pattern.quote(from), to);
        assertThat(broken).isNotEqualTo(DEFAULT_POLICY);

        assertRefused(ErrorCode.POLICY_INVALID, () -> PolicyRules.parse(broken)).hasMessageContaining(message);
    }

    @Test
    void refuses_more_than_20_tiers_and_no_tiers() {
        final StringBuilder tiers = new StringBuilder();
        for (int level = 1; level <= 21; level++) {
            tiers.append(level == 1 ? "" : ",")
                    .append("{\"level\":%d,\"minScoreBps\":0,\"minDirect\":0,\"rateBps\":1}".formatted(level));
        }
        final String many = "{\"version\":1,\"maxDepth\":1,\"baseRewardUnits\":1,\"levelWeightBps\":[1],"
                + "\"payoutShareBps\":[1],\"tiers\":[" + tiers + "]}";

        assertRefused(ErrorCode.POLICY_INVALID, () -> PolicyRules.parse(many))
                .hasMessageContaining("tiers must have 1 to 20 entries, got 21");
        assertRefused(ErrorCode.POLICY_INVALID, () -> PolicyRules.parse(many.replaceAll("\\[\\{.*}]", "[]")))
                .hasMessageContaining("got 0");
    }

    @Test
    void a_missing_or_mistyped_field_is_malformed_json_not_a_rule_violation() {
        assertRefused(ErrorCode.MALFORMED_JSON, () -> PolicyRules.parse(DEFAULT_POLICY.replace("\"maxDepth\":3,", "")))
                .hasMessage("MALFORMED_JSON: policyJson is missing required field maxDepth");
        assertRefused(
                        ErrorCode.MALFORMED_JSON,
                        () -> PolicyRules.parse(DEFAULT_POLICY.replace("10000,5000", "1.5,5000")))
                .hasMessageContaining("field levelWeightBps[0] must be a JSON integer");
        assertRefused(
                        ErrorCode.MALFORMED_JSON,
                        () -> PolicyRules.parse(DEFAULT_POLICY.replace("\"level\":2", "\"lvl\":2")))
                .hasMessageContaining("unknown field tiers[1].lvl");
    }

    @Test
    void currency_is_optional_and_then_absent_from_the_canonical_form() {
        final Policy policy =
                PolicyRules.parse(DEFAULT_POLICY.replace(",\n \"currency\":{\"symbol\":\"PXC\",\"decimals\":2}", ""));

        assertThat(policy.currency()).isNull();
        assertThat(LedgerJson.text(policy)).doesNotContain("currency");
    }
}
