package org.poxledger.platform.policy;

import java.util.ArrayList;
import java.util.List;
import org.poxledger.contract.PolicyLimits;
import org.poxledger.platform.policy.PolicyDocument.CurrencyDocument;
import org.poxledger.platform.policy.PolicyDocument.TierDocument;

/**
 * The chaincode's policy rules (docs/ledger-wire.md, {@code POLICY_INVALID}), checked before anything reaches the
 * ledger so that an admin sees every violation at once, each with its field, instead of the chaincode's first one.
 */
public final class PolicyValidator {

    static final int MAX_DEPTH = PolicyLimits.MAX_DEPTH;
    static final int MAX_TIERS = PolicyLimits.MAX_TIERS;
    static final int MAX_BPS = PolicyLimits.MAX_BPS;
    static final int MAX_RATE_BPS = PolicyLimits.MAX_RATE_BPS;
    static final int MAX_SYMBOL_LENGTH = PolicyLimits.MAX_SYMBOL_LENGTH;
    static final int MAX_DECIMALS = PolicyLimits.MAX_DECIMALS;

    private final List<PolicyViolation> violations = new ArrayList<>();

    private PolicyValidator() {}

    /** @return every rule the document breaks, in field order; empty when it is a valid policy */
    public static List<PolicyViolation> validate(PolicyDocument document) {
        PolicyValidator validator = new PolicyValidator();
        if (document == null) {
            validator.violation("policy", "is required");
        } else {
            validator.check(document);
        }
        return List.copyOf(validator.violations);
    }

    /** @return every rule the policy breaks, its version included */
    public static List<PolicyViolation> validate(RewardPolicy policy) {
        List<PolicyViolation> found = new ArrayList<>();
        if (policy.version() < 1) {
            found.add(new PolicyViolation("version", "must be at least 1, was " + policy.version()));
        }
        found.addAll(validate(PolicyDocument.of(policy)));
        return List.copyOf(found);
    }

    private void check(PolicyDocument document) {
        Integer depth = document.maxDepth();
        if (depth == null) {
            violation("maxDepth", "is required");
        } else if (depth < 1 || depth > MAX_DEPTH) {
            violation("maxDepth", "must be between 1 and " + MAX_DEPTH + ", was " + depth);
        }
        boolean depthKnown = depth != null && depth >= 1 && depth <= MAX_DEPTH;
        checkBpsList("levelWeightBps", document.levelWeightBps(), depthKnown ? depth : null);
        checkBpsList("payoutShareBps", document.payoutShareBps(), depthKnown ? depth : null);
        Long base = document.baseRewardUnits();
        if (base == null) {
            violation("baseRewardUnits", "is required");
        } else if (base <= 0) {
            violation("baseRewardUnits", "must be positive, was " + base);
        }
        checkTiers(document.tiers());
        checkCurrency(document.currency());
    }

    private void checkBpsList(String field, List<Integer> values, Integer depth) {
        if (values == null) {
            violation(field, "is required");
            return;
        }
        if (depth != null && values.size() != depth) {
            violation(field, "must have exactly maxDepth = " + depth + " entries, has " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Integer value = values.get(i);
            String at = field + "[" + i + "]";
            if (value == null) {
                violation(at, "is required");
            } else if (value < 0 || value > MAX_BPS) {
                violation(at, "must be between 0 and " + MAX_BPS + " basis points, was " + value);
            }
        }
    }

    private void checkTiers(List<TierDocument> tiers) {
        if (tiers == null) {
            violation("tiers", "is required");
            return;
        }
        if (tiers.isEmpty() || tiers.size() > MAX_TIERS) {
            violation("tiers", "must have between 1 and " + MAX_TIERS + " tiers, has " + tiers.size());
        }
        TierDocument previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            TierDocument tier = tiers.get(i);
            String at = "tiers[" + i + "]";
            if (tier == null) {
                violation(at, "is required");
                previous = null;
                continue;
            }
            checkTier(at, i, tier, previous);
            previous = tier;
        }
    }

    private void checkTier(String at, int index, TierDocument tier, TierDocument previous) {
        if (tier.level() == null) {
            violation(at + ".level", "is required");
        } else if (tier.level() != index + 1) {
            violation(
                    at + ".level",
                    "must be " + (index + 1) + " (levels are 1, 2, 3, ... in order), was " + tier.level());
        }
        if (tier.minScoreBps() == null) {
            violation(at + ".minScoreBps", "is required");
        } else if (index == 0 && tier.minScoreBps() != 0) {
            violation(at + ".minScoreBps", "must be 0 for tier 1, was " + tier.minScoreBps());
        } else if (previous != null && previous.minScoreBps() != null && tier.minScoreBps() < previous.minScoreBps()) {
            violation(
                    at + ".minScoreBps",
                    "must not be below the previous tier's " + previous.minScoreBps() + ", was " + tier.minScoreBps());
        }
        if (tier.minDirect() == null) {
            violation(at + ".minDirect", "is required");
        } else if (index == 0 && tier.minDirect() != 0) {
            violation(at + ".minDirect", "must be 0 for tier 1, was " + tier.minDirect());
        } else if (tier.minDirect() < 0 || tier.minDirect() > Integer.MAX_VALUE) {
            violation(at + ".minDirect", "must be between 0 and " + Integer.MAX_VALUE + ", was " + tier.minDirect());
        } else if (previous != null && previous.minDirect() != null && tier.minDirect() < previous.minDirect()) {
            violation(
                    at + ".minDirect",
                    "must not be below the previous tier's " + previous.minDirect() + ", was " + tier.minDirect());
        }
        if (tier.rateBps() == null) {
            violation(at + ".rateBps", "is required");
        } else if (tier.rateBps() < 1 || tier.rateBps() > MAX_RATE_BPS) {
            violation(
                    at + ".rateBps", "must be between 1 and " + MAX_RATE_BPS + " basis points, was " + tier.rateBps());
        } else if (previous != null && previous.rateBps() != null && tier.rateBps() < previous.rateBps()) {
            violation(
                    at + ".rateBps",
                    "must not be below the previous tier's " + previous.rateBps() + ", was " + tier.rateBps());
        }
    }

    private void checkCurrency(CurrencyDocument currency) {
        if (currency == null) {
            return;
        }
        String symbol = currency.symbol();
        if (symbol == null || symbol.isEmpty()) {
            violation("currency.symbol", "is required when a currency is given");
        } else if (symbol.length() > MAX_SYMBOL_LENGTH) {
            violation("currency.symbol", "must have 1 to " + MAX_SYMBOL_LENGTH + " characters, was \"" + symbol + "\"");
        }
        Integer decimals = currency.decimals();
        if (decimals == null) {
            violation("currency.decimals", "is required when a currency is given");
        } else if (decimals < 0 || decimals > MAX_DECIMALS) {
            violation("currency.decimals", "must be between 0 and " + MAX_DECIMALS + ", was " + decimals);
        }
    }

    private void violation(String field, String message) {
        violations.add(new PolicyViolation(field, message));
    }
}
