package org.poxledger.platform.policy;

/**
 * How amounts in minor units are shown.
 *
 * @param symbol display symbol, e.g. PXC
 * @param decimals digits after the decimal point
 */
public record Currency(String symbol, int decimals) {

    public static final Currency DEFAULT = new Currency("PXC", 2);
}
