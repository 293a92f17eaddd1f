package org.poxledger.platform.invitation;

import java.time.Instant;

/**
 * An invitation as its inviter sees it.
 *
 * @param code the secret code of the link
 * @param link {@code <baseUrl>/invite/<code>}
 * @param inviterId the inviting member
 * @param account the invited account, {@code network:handle}
 * @param status OPEN, ACCEPTED or EXPIRED
 * @param createdAt creation time
 * @param expiresAt last moment it can be accepted
 * @param memberId the member it registered, once accepted
 */
public record Invitation(
        String code,
        String link,
        String inviterId,
        String account,
        InvitationStatus status,
        Instant createdAt,
        Instant expiresAt,
        String memberId) {}
