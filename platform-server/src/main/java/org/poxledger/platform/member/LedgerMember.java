package org.poxledger.platform.member;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaincode's Member JSON (docs/ledger-wire.md), as returned by the {@code members:*} transactions and carried by
 * the member events. Holds pseudonyms only: no personal data is ever on-chain.
 *
 * @param memberId opaque member id
 * @param accountHash HMAC-SHA256 of the normalised social account
 * @param recommenderId the recommender, {@code null} for a genesis member
 * @param registeredAt registration time, epoch milliseconds (transaction timestamp)
 * @param registeredTxId the registering transaction
 * @param status current status
 * @param statusChangedAt time of the last status change, epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerMember(
        String memberId,
        String accountHash,
        String recommenderId,
        long registeredAt,
        String registeredTxId,
        MemberStatus status,
        long statusChangedAt) {

    public LedgerMember {
        Objects.requireNonNull(memberId, "member JSON lacks memberId");
        Objects.requireNonNull(accountHash, "member JSON lacks accountHash");
        Objects.requireNonNull(status, "member JSON lacks status");
    }

    /**
     * @param json Member JSON (extra fields such as the suspension {@code reason} are ignored)
     * @return the member
     * @throws IllegalArgumentException when the JSON is not a Member
     */
    public static LedgerMember fromJson(JsonMapper json, String memberJson) {
        try {
            return json.readValue(memberJson, LedgerMember.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a ledger Member JSON: " + abbreviate(memberJson), e);
        }
    }

    /** @return whether this member was created by an admin without a recommender */
    public boolean isGenesis() {
        return recommenderId == null;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "...";
    }
}
