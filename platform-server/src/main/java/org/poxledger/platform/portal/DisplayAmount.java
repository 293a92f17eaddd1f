package org.poxledger.platform.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an amount typed in the display unit ({@code 12.50}) as integer minor units ({@code 1250}), exactly: the text
 * is parsed digit by digit, never through {@code double}, and more decimals than the currency has are refused rather
 * than rounded (DESIGN §7: amounts are integers; decimals are only for people).
 */
final class DisplayAmount {

    /** Digits, optionally a point and more digits; a leading point ({@code .5}) is allowed too. */
    private static final Pattern FORMAT = Pattern.compile("(\\d*)(?:\\.(\\d*))?");

    private DisplayAmount() {}

    /** A typed amount that is not one; the message says why, for the form field. */
    static final class InvalidAmount extends IllegalArgumentException {

        InvalidAmount(String message) {
            super(message);
        }
    }

    /**
     * @param text the amount as typed, e.g. {@code 12.5}, surrounding blanks ignored
     * @param decimals the currency's decimals (0..8)
     * @param symbol the currency's symbol, for messages
     * @return the amount in minor units, positive
     * @throws InvalidAmount for blank, malformed, zero, too precise or too large amounts
     */
    static long toMinorUnits(String text, int decimals, String symbol) {
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("currency decimals must be 0..18, was " + decimals);
        }
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            throw new InvalidAmount("Enter an amount.");
        }
        Matcher matcher = FORMAT.matcher(typed);
        if (!matcher.matches() || (matcher.group(1).isEmpty() && isEmpty(matcher.group(2)))) {
            throw new InvalidAmount(
                    "Enter a number such as " + example(decimals) + ": digits, and a point before" + " the decimals.");
        }
        String whole = matcher.group(1);
        String fraction = matcher.group(2) == null ? "" : matcher.group(2);
        if (fraction.length() > decimals) {
            throw new InvalidAmount(
                    decimals == 0
                            ? symbol + " has no decimals: enter a whole number."
                            : symbol + " has " + decimals + (decimals == 1 ? " decimal" : " decimals") + ": \"" + typed
                                    + "\" has " + fraction.length() + ".");
        }
        long units;
        try {
            units = digits(whole);
            for (int i = 0; i < decimals; i++) {
                units = Math.multiplyExact(units, 10);
            }
            units = Math.addExact(units, digits((fraction + "0".repeat(decimals - fraction.length()))));
        } catch (ArithmeticException e) {
            throw new InvalidAmount("The amount is too large.");
        }
        if (units == 0) {
            throw new InvalidAmount("The amount must be more than 0.");
        }
        return units;
    }

    /** Parses ASCII digits without {@link Long#parseLong}'s sign handling; overflow is an ArithmeticException. */
    private static long digits(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = Math.addExact(Math.multiplyExact(value, 10), digits.charAt(i) - '0');
        }
        return value;
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String example(int decimals) {
        return decimals == 0 ? "12" : "12.5" + "0".repeat(decimals - 1);
    }
}
