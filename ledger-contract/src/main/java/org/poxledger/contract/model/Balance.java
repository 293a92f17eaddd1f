package org.poxledger.contract.model;

/**
 * A member's spendable balance.
 *
 * @param balance minor units
 * @param memberId the member
 */
public record Balance(long balance, String memberId) {}
