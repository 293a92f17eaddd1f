package org.poxledger.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Tier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyJsonTest {

    @Test
    void writes_the_policy_with_the_field_names_of_the_wire_contract() {
        JsonNode json = JsonMapper.builder().build().readTree(LedgerPolicyCatalog.toJson(RewardPolicy.defaultPolicy()));

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder(
                        "version",
                        "maxDepth",
                        "levelWeightBps",
                        "payoutShareBps",
                        "baseRewardUnits",
                        "tiers",
                        "currency");
        assertThat(json.get("tiers").get(1).propertyNames())
                .containsExactlyInAnyOrder("level", "minScoreBps", "minDirect", "rateBps");
        assertThat(json.get("tiers").get(1).get("minScoreBps").asLong()).isEqualTo(30000);
        assertThat(json.get("currency").get("symbol").asString()).isEqualTo("PXC");
    }

    @Test
    void reads_a_policy_record_and_defaults_an_omitted_currency() {
        String record = """
                {"contentHash":"ab12","policy":{"baseRewardUnits":500,"levelWeightBps":[10000],"maxDepth":1,
                "payoutShareBps":[9000],"tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000}],
                "version":4},"publishedAt":1700000000000,"publishedTxId":"tx9","version":4}
                """;

        PolicyRecord parsed = LedgerPolicyCatalog.parse(record.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.contentHash()).isEqualTo("ab12");
        assertThat(parsed.publishedTxId()).isEqualTo("tx9");
        assertThat(parsed.policy().payoutShareBps()).containsExactly(9000);
        assertThat(parsed.policy().tiers()).containsExactly(new Tier(1, 0, 0, 10000));
        assertThat(parsed.policy().currency()).isEqualTo(RewardPolicy.DEFAULT_CURRENCY);
    }
}
