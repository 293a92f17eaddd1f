package org.poxledger.chaincode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.PolicyLimits;
import org.poxledger.contract.model.Currency;
import org.poxledger.contract.model.Policy;
import org.poxledger.contract.model.Tier;

/**
 * Reads a {@code policyJson} argument into its canonical form and checks the policy rules of the wire contract. A
 * missing or mistyped field is MALFORMED_JSON; a well-formed policy that breaks a rule is POLICY_INVALID naming the
 * rule.
 */
final class PolicyRules {

    private PolicyRules() {}

    /**
     * @param policyJson the argument text
     * @return the canonical, valid policy
     */
    static Policy parse(final String policyJson) {
        final JsonFields fields = JsonFields.parseObject("policyJson", policyJson)
                .onlyFields(
                        "baseRewardUnits",
                        "currency",
                        "levelWeightBps",
                        "maxDepth",
                        "payoutShareBps",
                        "tiers",
                        "version");
        final int version = fields.intValue("version");
        final int maxDepth = fields.intValue("maxDepth");
        final long baseRewardUnits = fields.longValue("baseRewardUnits");
        final List<Integer> levelWeightBps = fields.intList("levelWeightBps");
        final List<Integer> payoutShareBps = fields.intList("payoutShareBps");
        final List<Tier> tiers = new ArrayList<>();
        for (final JsonFields tier : fields.objectList("tiers")) {
            tier.onlyFields("level", "minDirect", "minScoreBps", "rateBps");
            tiers.add(new Tier(
                    tier.intValue("level"),
                    tier.intValue("minDirect"),
                    tier.longValue("minScoreBps"),
                    tier.intValue("rateBps")));
        }
        final Currency currency = fields.optionalObject("currency")
                .map(c -> c.onlyFields("decimals", "symbol"))
                .map(c -> new Currency(c.intValue("decimals"), c.string("symbol")))
                .orElse(null);
        final Policy policy =
                new Policy(baseRewardUnits, currency, levelWeightBps, maxDepth, payoutShareBps, tiers, version);
        check(policy);
        return policy;
    }

    /**
     * @param policy a canonical policy
     * @return hex SHA-256 of its canonical (sorted-key) JSON
     */
    static String contentHash(final Policy policy) {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha256.digest(LedgerJson.text(policy).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    private static void check(final Policy policy) {
        rule(policy.version() >= 1, "version must be at least 1, got %d", policy.version());
        rule(
                policy.maxDepth() >= 1 && policy.maxDepth() <= PolicyLimits.MAX_DEPTH,
                "maxDepth must be between 1 and %d, got %d",
                PolicyLimits.MAX_DEPTH,
                policy.maxDepth());
        depthList("levelWeightBps", policy.levelWeightBps(), policy.maxDepth());
        depthList("payoutShareBps", policy.payoutShareBps(), policy.maxDepth());
        rule(policy.baseRewardUnits() > 0, "baseRewardUnits must be greater than 0, got %d", policy.baseRewardUnits());
        tiers(policy.tiers());
        if (policy.currency() != null) {
            final String symbol = policy.currency().symbol();
            final int length = symbol.codePointCount(0, symbol.length());
            rule(
                    length >= 1 && length <= PolicyLimits.MAX_SYMBOL_LENGTH,
                    "currency.symbol must be 1 to %d characters, got %d",
                    PolicyLimits.MAX_SYMBOL_LENGTH,
                    length);
            rule(
                    policy.currency().decimals() >= 0 && policy.currency().decimals() <= PolicyLimits.MAX_DECIMALS,
                    "currency.decimals must be between 0 and %d, got %d",
                    PolicyLimits.MAX_DECIMALS,
                    policy.currency().decimals());
        }
    }

    private static void depthList(final String name, final List<Integer> values, final int maxDepth) {
        rule(
                values.size() == maxDepth,
                "%s must have exactly maxDepth = %d entries, got %d",
                name,
                maxDepth,
                values.size());
        for (int i = 0; i < values.size(); i++) {
            final int value = values.get(i);
            rule(
                    value >= 0 && value <= PolicyLimits.MAX_BPS,
                    "%s[%d] must be between 0 and %d, got %d",
                    name,
                    i,
                    PolicyLimits.MAX_BPS,
                    value);
        }
    }

    private static void tiers(final List<Tier> tiers) {
        rule(
                !tiers.isEmpty() && tiers.size() <= PolicyLimits.MAX_TIERS,
                "tiers must have 1 to %d entries, got %d",
                PolicyLimits.MAX_TIERS,
                tiers.size());
        final Tier first = tiers.get(0);
        rule(
                first.minScoreBps() == 0 && first.minDirect() == 0,
                "tiers[0] must have minScoreBps 0 and minDirect 0, got %d and %d",
                first.minScoreBps(),
                first.minDirect());
        for (int i = 0; i < tiers.size(); i++) {
            final Tier tier = tiers.get(i);
            rule(
                    tier.level() == i + 1,
                    "tiers[%d].level must be %d (levels 1, 2, 3, ... in order), got %d",
                    i,
                    i + 1,
                    tier.level());
            rule(
                    tier.rateBps() >= 1 && tier.rateBps() <= PolicyLimits.MAX_RATE_BPS,
                    "tiers[%d].rateBps must be between 1 and %d, got %d",
                    i,
                    PolicyLimits.MAX_RATE_BPS,
                    tier.rateBps());
            if (i > 0) {
                final Tier previous = tiers.get(i - 1);
                rule(
                        tier.minScoreBps() >= previous.minScoreBps(),
                        "tiers[%d].minScoreBps must not be lower than tiers[%d].minScoreBps, got %d < %d",
                        i,
                        i - 1,
                        tier.minScoreBps(),
                        previous.minScoreBps());
                rule(
                        tier.minDirect() >= previous.minDirect(),
                        "tiers[%d].minDirect must not be lower than tiers[%d].minDirect, got %d < %d",
                        i,
                        i - 1,
                        tier.minDirect(),
                        previous.minDirect());
                rule(
                        tier.rateBps() >= previous.rateBps(),
                        "tiers[%d].rateBps must not be lower than tiers[%d].rateBps, got %d < %d",
                        i,
                        i - 1,
                        tier.rateBps(),
                        previous.rateBps());
            }
        }
    }

    private static void rule(final boolean holds, final String template, final Object... values) {
        if (!holds) {
            throw LedgerRefusal.of(ErrorCode.POLICY_INVALID, template, values);
        }
    }
}
