package org.poxledger.contract.model;

/**
 * Why and from which status a member was suspended; kept beside the member (not in the Member JSON of the wire
 * contract) so reinstatement can restore the previous status.
 *
 * @param previousStatus ACTIVE or VERIFIED
 * @param reason the operator's reason
 * @param suspendedAt transaction time, epoch milliseconds
 * @param suspendedTxId the suspending transaction
 */
public record Suspension(MemberStatus previousStatus, String reason, long suspendedAt, String suspendedTxId) {}
