package org.poxledger.platform.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.policy.PolicyDocument;
import org.poxledger.platform.policy.PolicyDocument.CurrencyDocument;
import org.poxledger.platform.policy.PolicyDocument.TierDocument;
import org.springframework.validation.BindingResult;

/**
 * The policy draft as an admin edits it in a form: every value as typed, so a letter in a number field becomes a
 * message next to that field instead of a failed request. Lists per depth are typed comma-separated; tiers are rows,
 * blank rows are ignored.
 *
 * @param maxDepth D
 * @param levelWeightBps weights per depth, e.g. {@code 10000, 5000, 2500}
 * @param payoutShareBps shares per depth
 * @param baseRewardUnits base reward in minor units
 * @param tiers the tier rows
 * @param currencySymbol display symbol
 * @param currencyDecimals display decimals
 */
record PolicyForm(
        String maxDepth,
        String levelWeightBps,
        String payoutShareBps,
        String baseRewardUnits,
        List<TierRow> tiers,
        String currencySymbol,
        String currencyDecimals) {

    /** Blank rows offered below the existing tiers, for adding levels. */
    static final int SPARE_ROWS = 2;

    /** One tier as typed; see {@link org.poxledger.platform.policy.Tier}. */
    record TierRow(String level, String minScoreBps, String minDirect, String rateBps) {

        boolean blank() {
            return isBlank(level) && isBlank(minScoreBps) && isBlank(minDirect) && isBlank(rateBps);
        }
    }

    PolicyForm {
        // a row whose fields were all left out arrives as a gap (null): it is a blank row
        tiers = tiers == null
                ? List.of()
                : tiers.stream()
                        .map(row -> row == null ? new TierRow("", "", "", "") : row)
                        .toList();
    }

    /** @return the form showing a document, with spare rows for new tiers */
    static PolicyForm of(PolicyDocument document) {
        List<TierRow> rows = new ArrayList<>();
        if (document.tiers() != null) {
            document.tiers()
                    .forEach(t -> rows.add(new TierRow(
                            text(t.level()), text(t.minScoreBps()), text(t.minDirect()), text(t.rateBps()))));
        }
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add(new TierRow("", "", "", ""));
        }
        return new PolicyForm(
                text(document.maxDepth()),
                join(document.levelWeightBps()),
                join(document.payoutShareBps()),
                text(document.baseRewardUnits()),
                rows,
                document.currency() == null ? "" : document.currency().symbol(),
                document.currency() == null ? "" : text(document.currency().decimals()));
    }

    /**
     * @return the document, or {@code null} when a value is not a number (each such field is rejected in
     *     {@code binding}); the policy rules are checked afterwards by the service
     */
    PolicyDocument toDocument(BindingResult binding) {
        int errors = binding.getErrorCount();
        Integer depth = number("maxDepth", maxDepth, Integer::valueOf, binding);
        List<Integer> weights = numbers("levelWeightBps", levelWeightBps, binding);
        List<Integer> shares = numbers("payoutShareBps", payoutShareBps, binding);
        Long base = number("baseRewardUnits", baseRewardUnits, Long::valueOf, binding);
        List<TierDocument> tierDocuments = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierRow row = tiers.get(i);
            if (row.blank()) {
                continue;
            }
            String at = "tiers[" + i + "].";
            tierDocuments.add(new TierDocument(
                    number(at + "level", row.level(), Integer::valueOf, binding),
                    number(at + "minScoreBps", row.minScoreBps(), Long::valueOf, binding),
                    number(at + "minDirect", row.minDirect(), Long::valueOf, binding),
                    number(at + "rateBps", row.rateBps(), Integer::valueOf, binding)));
        }
        Integer decimals = number("currencyDecimals", currencyDecimals, Integer::valueOf, binding);
        String symbol = currencySymbol == null ? null : currencySymbol.strip();
        if (binding.getErrorCount() > errors) {
            return null;
        }
        return new PolicyDocument(depth, weights, shares, base, tierDocuments, new CurrencyDocument(symbol, decimals));
    }

    /** Blank is "missing" (the service says "is required"); anything else must be a whole number. */
    private static <T> T number(String field, String typed, Function<String, T> parse, BindingResult binding) {
        if (isBlank(typed)) {
            return null;
        }
        try {
            return parse.apply(typed.strip());
        } catch (NumberFormatException e) {
            binding.rejectValue(
                    field,
                    ErrorCode.NOT_A_NUMBER.name(),
                    "Enter a whole number; \"" + typed.strip() + "\" is not one.");
            return null;
        }
    }

    private static List<Integer> numbers(String field, String typed, BindingResult binding) {
        if (isBlank(typed)) {
            return null;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : typed.strip().split("[,\\s]+")) {
            try {
                values.add(Integer.valueOf(part));
            } catch (NumberFormatException e) {
                binding.rejectValue(
                        field,
                        ErrorCode.NOT_A_NUMBER.name(),
                        "Enter whole numbers separated by commas; \"" + part + "\" is not one.");
                return null;
            }
        }
        return values;
    }

    private static String join(List<Integer> values) {
        return values == null
                ? ""
                : String.join(", ", values.stream().map(String::valueOf).toList());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
