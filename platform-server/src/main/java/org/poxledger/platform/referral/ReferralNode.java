package org.poxledger.platform.referral;

/**
 * A member below me in my referral tree. Only what a recommender may see: no account, no e-mail.
 *
 * @param memberId the member
 * @param recommenderId who recommended them (me at depth 1)
 * @param depth steps below me, 1..D
 * @param displayName their display name, {@code null} if erased
 * @param status their status
 * @param registeredAt epoch milliseconds
 * @param direct how many members they recommended
 */
public record ReferralNode(
        String memberId,
        String recommenderId,
        int depth,
        String displayName,
        String status,
        long registeredAt,
        long direct) {}
