package org.poxledger.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poxledger.platform.policy.PolicyDocument.CurrencyDocument;
import org.poxledger.platform.policy.PolicyDocument.TierDocument;

class PolicyValidatorTest {

    private static final PolicyDocument DEFAULT = PolicyDocument.of(RewardPolicy.defaultPolicy());

    @Test
    void accepts_the_default_policy() {
        assertThat(PolicyValidator.validate(RewardPolicy.defaultPolicy())).isEmpty();
        assertThat(PolicyValidator.validate(DEFAULT)).isEmpty();
    }

    @Test
    void names_every_missing_field() {
        PolicyDocument empty = new PolicyDocument(null, null, null, null, null, null);

        assertThat(fields(PolicyValidator.validate(empty)))
                .containsExactly("maxDepth", "levelWeightBps", "payoutShareBps", "baseRewardUnits", "tiers");
        assertThat(PolicyValidator.validate(empty))
                .allSatisfy(v -> assertThat(v.message()).isEqualTo("is required"));
    }

    @Test
    void reports_every_broken_rule_at_once_each_with_its_field() {
        PolicyDocument broken = new PolicyDocument(
                11,
                List.of(10000, 10001),
                List.of(-1),
                0L,
                List.of(
                        new TierDocument(1, 5L, 1L, 10000),
                        new TierDocument(3, 4L, 0L, 0),
                        new TierDocument(3, 10L, 2L, 100001)),
                new CurrencyDocument("TOO-LONG-1", 9));

        List<PolicyViolation> violations = PolicyValidator.validate(broken);

        assertThat(fields(violations))
                .containsExactly(
                        "maxDepth",
                        "levelWeightBps[1]",
                        "payoutShareBps[0]",
                        "baseRewardUnits",
                        "tiers[0].minScoreBps",
                        "tiers[0].minDirect",
                        "tiers[1].level",
                        "tiers[1].minScoreBps",
                        "tiers[1].minDirect",
                        "tiers[1].rateBps",
                        "tiers[2].rateBps",
                        "currency.symbol",
                        "currency.decimals");
        assertThat(violations.getFirst().message()).isEqualTo("must be between 1 and 10, was 11");
        assertThat(violations.get(1).message()).isEqualTo("must be between 0 and 10000 basis points, was 10001");
        assertThat(violations.get(6).message()).contains("must be 2", "was 3");
    }

    @Test
    void requires_one_weight_and_one_share_per_depth() {
        PolicyDocument twoWeights = new PolicyDocument(
                3, List.of(10000, 5000), List.of(10000, 2000, 500, 100), 10000L, DEFAULT.tiers(), null);

        assertThat(PolicyValidator.validate(twoWeights))
                .extracting(PolicyViolation::field, PolicyViolation::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "levelWeightBps", "must have exactly maxDepth = 3 entries, has 2"),
                        org.assertj.core.groups.Tuple.tuple(
                                "payoutShareBps", "must have exactly maxDepth = 3 entries, has 4"));
    }

    @Test
    void requires_between_one_and_twenty_tiers() {
        PolicyDocument none = withTiers(List.of());
        List<TierDocument> many = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            many.add(new TierDocument(i, i == 1 ? 0L : i * 1000L, 0L, 10000));
        }

        assertThat(fields(PolicyValidator.validate(none))).containsExactly("tiers");
        assertThat(fields(PolicyValidator.validate(withTiers(many)))).containsExactly("tiers");
    }

    @Test
    void a_currency_is_optional() {
        PolicyDocument noCurrency = new PolicyDocument(
                3, DEFAULT.levelWeightBps(), DEFAULT.payoutShareBps(), 10000L, DEFAULT.tiers(), null);

        assertThat(PolicyValidator.validate(noCurrency)).isEmpty();
        assertThat(noCurrency.toPolicy(2).currency()).isEqualTo(RewardPolicy.DEFAULT_CURRENCY);
    }

    @Test
    void names_a_missing_entry_inside_a_list() {
        PolicyDocument holes = new PolicyDocument(
                3,
                Arrays.asList(10000, null, 2500),
                DEFAULT.payoutShareBps(),
                10000L,
                Arrays.asList(DEFAULT.tiers().getFirst(), null),
                null);

        assertThat(fields(PolicyValidator.validate(holes))).containsExactly("levelWeightBps[1]", "tiers[1]");
    }

    @Test
    void a_published_policy_needs_a_version_of_at_least_one() {
        assertThat(fields(PolicyValidator.validate(RewardPolicy.defaultPolicy().withVersion(0))))
                .containsExactly("version");
    }

    private static PolicyDocument withTiers(List<TierDocument> tiers) {
        return new PolicyDocument(3, DEFAULT.levelWeightBps(), DEFAULT.payoutShareBps(), 10000L, tiers, null);
    }

    private static List<String> fields(List<PolicyViolation> violations) {
        return violations.stream().map(PolicyViolation::field).toList();
    }
}
