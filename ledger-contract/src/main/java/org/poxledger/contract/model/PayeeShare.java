package org.poxledger.contract.model;

/**
 * One payee's part of a split redeem of a wallet channel.
 *
 * @param amount positive minor units credited to the payee
 * @param payeeId the payee, a member other than the channel's payer
 */
public record PayeeShare(long amount, String payeeId) {}
