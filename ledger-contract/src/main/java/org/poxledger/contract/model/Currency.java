package org.poxledger.contract.model;

/**
 * How amounts are displayed; the ledger itself only stores integer minor units.
 *
 * @param decimals minor-unit digits, 0..8
 * @param symbol display symbol, 1..8 characters
 */
public record Currency(int decimals, String symbol) {}
