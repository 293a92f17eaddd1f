package org.poxledger.platform.policy;

/**
 * One broken policy rule.
 *
 * @param field the offending field, JSON-path style, e.g. {@code tiers[2].rateBps}
 * @param message what is wrong, naming the value
 */
public record PolicyViolation(String field, String message) {}
