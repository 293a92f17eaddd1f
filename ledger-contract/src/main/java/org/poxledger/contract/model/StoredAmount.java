package org.poxledger.contract.model;

/**
 * The value of a balance key or a credit key.
 *
 * @param amount minor units
 */
public record StoredAmount(long amount) {}
