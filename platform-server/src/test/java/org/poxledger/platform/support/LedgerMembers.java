package org.poxledger.platform.support;

import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;

/** Ledger members as the chaincode would return them, for graph tests. */
public final class LedgerMembers {

    private LedgerMembers() {}

    /** @return a registered member with a deterministic account hash and transaction id */
    public static Member registered(String memberId, String recommenderId, long registeredAt) {
        return new Member(
                hashOf(memberId),
                memberId,
                recommenderId,
                registeredAt,
                "tx-" + memberId,
                recommenderId == null ? MemberStatus.VERIFIED : MemberStatus.ACTIVE,
                registeredAt);
    }

    /** @return the member JSON the chaincode emits (sorted keys, recommender omitted for genesis) */
    public static String json(Member m) {
        return "{\"accountHash\":\"" + m.accountHash() + "\",\"memberId\":\"" + m.memberId() + "\","
                + (m.recommenderId() == null ? "" : "\"recommenderId\":\"" + m.recommenderId() + "\",")
                + "\"registeredAt\":" + m.registeredAt() + ",\"registeredTxId\":\"" + m.registeredTxId()
                + "\",\"status\":\"" + m.status() + "\",\"statusChangedAt\":" + m.statusChangedAt() + "}";
    }

    /** @return the same member in another status */
    public static Member withStatus(Member m, MemberStatus status, long changedAt) {
        return new Member(
                m.accountHash(),
                m.memberId(),
                m.recommenderId(),
                m.registeredAt(),
                m.registeredTxId(),
                status,
                changedAt);
    }

    private static String hashOf(String memberId) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(memberId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
