package org.poxledger.contract.model;

/**
 * Everything ever minted (PAID plus RELEASED rewards).
 *
 * @param totalSupply minor units
 */
public record TotalSupply(long totalSupply) {}
