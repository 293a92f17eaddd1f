package org.poxledger.chaincode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.poxledger.contract.ErrorCode;

/**
 * Up-front checks of transaction arguments. Each check names the argument and the offending value, and runs before
 * any world state is read, so a bad request is refused the same way on every peer and changes nothing.
 */
final class Arguments {

    /** Longest free text (suspension reason, memo), in Unicode code points. */
    static final int MAX_TEXT = 280;

    static final int MAX_PAGE_SIZE = 1000;

    /** Fabric bookmarks are composite keys; a far longer one cannot be ours. */
    private static final int MAX_BOOKMARK = 1024;

    /** Values quoted in messages are cut here so a megabyte of garbage does not come back in the error. */
    private static final int SHOWN_CHARS = 80;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private Arguments() {}

    /**
     * @param name argument name, e.g. {@code memberId}
     * @param value argument value
     * @return the value, matching {@code [A-Za-z0-9_-]{1,64}}
     */
    static String id(final String name, final String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s must match [A-Za-z0-9_-]{1,64}, got %s", name, shown(value));
        }
        return value;
    }

    /**
     * @param name argument name, e.g. {@code accountHash}
     * @param value argument value
     * @return the value: 64 lower-case hexadecimal characters (a SHA-256 or HMAC-SHA256 digest)
     */
    static String sha256Hex(final String name, final String value) {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s must be 64 lower-case hexadecimal characters, got %s",
                    name,
                    shown(value));
        }
        return value;
    }

    /**
     * @param name argument name, e.g. {@code reason}
     * @param value argument value
     * @return the value: not blank, at most {@value #MAX_TEXT} characters
     */
    static String requiredText(final String name, final String value) {
        if (value == null || value.isBlank()) {
            throw LedgerRefusal.of(ErrorCode.INVALID_ARGUMENT, "%s must not be blank", name);
        }
        return optionalText(name, value);
    }

    /**
     * @param name argument name, e.g. {@code memo}
     * @param value argument value
     * @return the value ("" allowed), at most {@value #MAX_TEXT} characters
     */
    static String optionalText(final String name, final String value) {
        if (value == null) {
            throw LedgerRefusal.of(ErrorCode.INVALID_ARGUMENT, "%s is missing", name);
        }
        final int length = value.codePointCount(0, value.length());
        if (length > MAX_TEXT) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s must be at most %d characters, got %d characters",
                    name,
                    MAX_TEXT,
                    length);
        }
        return value;
    }

    /**
     * @param name argument name, e.g. {@code amount}
     * @param value decimal text of a positive 64-bit integer
     * @return the amount in minor units
     */
    static long amount(final String name, final String value) {
        final long amount = integer(name, value);
        if (amount <= 0) {
            throw LedgerRefusal.of(ErrorCode.INVALID_AMOUNT, "%s must be greater than zero, got %d", name, amount);
        }
        return amount;
    }

    /**
     * @param value decimal text of the page size
     * @return the page size, 1..{@value #MAX_PAGE_SIZE}
     */
    static int pageSize(final String value) {
        final long size = integer("pageSize", value);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "pageSize must be between 1 and %d, got %d", MAX_PAGE_SIZE, size);
        }
        return (int) size;
    }

    /**
     * @param name argument name, e.g. {@code version}
     * @param value decimal text of a positive 32-bit integer
     * @return the value
     */
    static int positiveInt(final String name, final String value) {
        final long number = integer(name, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s must be between 1 and %d, got %d", name, Integer.MAX_VALUE, number);
        }
        return (int) number;
    }

    /**
     * @param name argument name, e.g. {@code chainLength}
     * @param value decimal text of an integer
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the value
     */
    static long between(final String name, final String value, final long min, final long max) {
        final long number = integer(name, value);
        if (number < min || number > max) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s must be between %d and %d, got %d", name, min, max, number);
        }
        return number;
    }

    /**
     * @param name argument name, e.g. {@code day}
     * @param value a calendar day, {@code YYYY-MM-DD}
     * @return the day
     */
    static LocalDate day(final String name, final String value) {
        if (value != null && DAY.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // falls through to the refusal: 2026-02-30 has the shape of a day but is none
            }
        }
        throw LedgerRefusal.of(ErrorCode.INVALID_ARGUMENT, "%s must be a day YYYY-MM-DD, got %s", name, shown(value));
    }

    /**
     * @param value the bookmark a previous page returned, or "" for the first page
     * @param rangePrefix the composite-key prefix of the range being paged
     * @return the bookmark
     */
    static String bookmark(final String value, final String rangePrefix) {
        if (value == null) {
            throw LedgerRefusal.of(ErrorCode.INVALID_ARGUMENT, "bookmark is missing; use \"\" for the first page");
        }
        if (!value.isEmpty() && (value.length() > MAX_BOOKMARK || !value.startsWith(rangePrefix))) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "bookmark %s was not returned by this query; use \"\" for the first page",
                    shown(value));
        }
        return value;
    }

    /**
     * @param value any text, possibly null
     * @return the value quoted for an error message, shortened when long and with control characters escaped
     */
    static String shown(final String value) {
        if (value == null) {
            return "nothing";
        }
        final String cut = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
        final StringBuilder quoted = new StringBuilder(cut.length() + 2).append('\'');
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('\'').toString();
    }

    private static long integer(final String name, final String value) {
        if (value == null || !INTEGER.matcher(value).matches()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s must be a decimal integer, got %s", name, shown(value));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s does not fit in a 64-bit integer, got %s", name, shown(value));
        }
    }
}
