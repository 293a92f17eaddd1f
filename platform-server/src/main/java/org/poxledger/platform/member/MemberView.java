package org.poxledger.platform.member;

import java.util.List;
import org.poxledger.contract.model.MemberStatus;

/**
 * A member as the graph knows it: ledger facts plus personal data.
 *
 * @param memberId opaque id
 * @param status current status
 * @param recommenderId recommender, {@code null} for a genesis member
 * @param registeredAt epoch milliseconds
 * @param displayName display name, {@code null} if erased or unknown
 * @param account {@code network:handle}, {@code null} if erased or unknown
 * @param email e-mail, {@code null} if none
 * @param counts n_1..n_10
 */
public record MemberView(
        String memberId,
        MemberStatus status,
        String recommenderId,
        long registeredAt,
        String displayName,
        String account,
        String email,
        List<Long> counts) {}
