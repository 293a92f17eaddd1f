package org.poxledger.chaincode.model;

/**
 * The value of a balance key or a credit key.
 *
 * @param amount minor units
 */
public record StoredAmount(long amount) {}
