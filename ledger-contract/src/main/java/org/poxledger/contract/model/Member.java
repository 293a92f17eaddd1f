package org.poxledger.contract.model;

/**
 * A registered member: pseudonymous, with the referral edge to its recommender fixed at registration.
 *
 * @param accountHash HMAC-SHA256 of the normalised social account, unique across the ledger
 * @param memberId opaque random id
 * @param recommenderId the recommender, {@code null} (omitted) for a genesis member
 * @param registeredAt transaction time of the registration, epoch milliseconds
 * @param registeredTxId the registering transaction
 * @param status current status
 * @param statusChangedAt transaction time of the last status change, epoch milliseconds
 */
public record Member(
        String accountHash,
        String memberId,
        String recommenderId,
        long registeredAt,
        String registeredTxId,
        MemberStatus status,
        long statusChangedAt) {

    /**
     * @param newStatus the status to move to
     * @param at transaction time, epoch milliseconds
     * @return this member with the new status
     */
    public Member withStatus(final MemberStatus newStatus, final long at) {
        return new Member(accountHash, memberId, recommenderId, registeredAt, registeredTxId, newStatus, at);
    }
}
