package org.poxledger.platform.invitation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.web.PageOf;
import org.springframework.stereotype.Repository;

/**
 * Invitations in the graph: {@code (:Member)-[:INVITED]->(:Invitation {code, inviterId, account, accountHash, status,
 * openAccount?, createdAt, expiresAt, memberId?, acceptedAt?})}, times in epoch milliseconds. {@code openAccount} is set
 * only while the invitation is open; its uniqueness constraint makes "one open invitation per account" hold even for
 * two concurrent requests.
 */
@Repository
class InvitationRepository {

    private final Driver driver;
    private final InvitationProperties properties;

    InvitationRepository(Driver driver, InvitationProperties properties) {
        this.driver = driver;
        this.properties = properties;
    }

    /**
     * A stored invitation with what the service needs to decide on it.
     *
     * @param inviterDisplayName the inviter's display name, {@code null} if erased
     */
    record Stored(
            String code,
            String inviterId,
            String inviterDisplayName,
            String account,
            String accountHash,
            String status,
            long createdAt,
            long expiresAt,
            String memberId) {

        boolean expiredAt(Instant now) {
            return expiresAt <= now.toEpochMilli();
        }
    }

    Optional<Stored> find(String code) {
        return driver.executableQuery("""
                        MATCH (i:Invitation {code: $code})
                        OPTIONAL MATCH (inviter:Member {memberId: i.inviterId})
                        RETURN i, inviter.displayName AS inviterDisplayName
                        """).withParameters(Map.of("code", code)).execute().records().stream()
                .findFirst()
                .map(InvitationRepository::stored);
    }

    /** @return the open, unexpired invitation for that account, if any */
    Optional<Stored> findOpen(String account, Instant now) {
        return driver
                .executableQuery("""
                        MATCH (i:Invitation {openAccount: $account}) WHERE i.expiresAt > $now
                        RETURN i, null AS inviterDisplayName
                        """)
                .withParameters(Map.of("account", account, "now", now.toEpochMilli()))
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(InvitationRepository::stored);
    }

    /**
     * Creates an open invitation; an expired open invitation for the same account is closed first.
     *
     * @throws Refusal {@code DUPLICATE_INVITATION} when another request opened one for the account meanwhile
     */
    void create(String code, String inviterId, String account, String accountHash, Instant now, Instant expiresAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("code", code);
        params.put("inviterId", inviterId);
        params.put("account", account);
        params.put("accountHash", accountHash);
        params.put("now", now.toEpochMilli());
        params.put("expiresAt", expiresAt.toEpochMilli());
        try {
            driver.executableQuery("""
                            OPTIONAL MATCH (stale:Invitation {openAccount: $account}) WHERE stale.expiresAt <= $now
                            REMOVE stale.openAccount
                            WITH count(*) AS closed
                            MATCH (inviter:Member {memberId: $inviterId})
                            CREATE (inviter)-[:INVITED]->(:Invitation {code: $code, inviterId: $inviterId,
                                    account: $account, accountHash: $accountHash, openAccount: $account,
                                    status: 'OPEN', createdAt: $now, expiresAt: $expiresAt})
                            """).withParameters(params).execute();
        } catch (ClientException e) {
            if (e.code().startsWith("Neo.ClientError.Schema.ConstraintValidationFailed")) {
                throw Refusal.of(
                        ErrorCode.DUPLICATE_INVITATION,
                        "handle",
                        "an open invitation for " + account + " exists already");
            }
            throw e;
        }
    }

    /** @return the member id kept on the invitation: the given one, or the one a previous attempt chose */
    String keepMemberId(String code, String memberId) {
        return driver.executableQuery("""
                        MATCH (i:Invitation {code: $code})
                        SET i.__lock = true
                        WITH i
                        SET i.memberId = coalesce(i.memberId, $memberId)
                        REMOVE i.__lock
                        RETURN i.memberId AS memberId
                        """)
                .withParameters(Map.of("code", code, "memberId", memberId))
                .execute()
                .records()
                .getFirst()
                .get("memberId")
                .asString();
    }

    void markAccepted(String code, Instant now) {
        driver.executableQuery("""
                        MATCH (i:Invitation {code: $code})
                        SET i.status = 'ACCEPTED', i.acceptedAt = $now
                        REMOVE i.openAccount
                        """)
                .withParameters(Map.of("code", code, "now", now.toEpochMilli()))
                .execute();
    }

    PageOf<Invitation> byInviter(String inviterId, Instant now, int page, int size) {
        List<Invitation> items = driver
                .executableQuery("""
                        MATCH (i:Invitation {inviterId: $inviterId})
                        RETURN i, null AS inviterDisplayName
                        ORDER BY i.createdAt DESC, i.code SKIP $skip LIMIT $limit
                        """)
                .withParameters(Map.of("inviterId", inviterId, "skip", (long) page * size, "limit", size))
                .execute()
                .records()
                .stream()
                .map(r -> view(stored(r), now))
                .toList();
        long total = driver.executableQuery("MATCH (i:Invitation {inviterId: $inviterId}) RETURN count(i) AS total")
                .withParameters(Map.of("inviterId", inviterId))
                .execute()
                .records()
                .getFirst()
                .get("total")
                .asLong();
        return new PageOf<>(items, page, size, total);
    }

    Invitation view(Stored stored, Instant now) {
        InvitationStatus status = "ACCEPTED".equals(stored.status())
                ? InvitationStatus.ACCEPTED
                : stored.expiredAt(now) ? InvitationStatus.EXPIRED : InvitationStatus.OPEN;
        return new Invitation(
                stored.code(),
                properties.link(stored.code()),
                stored.inviterId(),
                stored.account(),
                status,
                Instant.ofEpochMilli(stored.createdAt()),
                Instant.ofEpochMilli(stored.expiresAt()),
                stored.memberId());
    }

    private static Stored stored(Record record) {
        Value i = record.get("i");
        return new Stored(
                i.get("code").asString(),
                i.get("inviterId").asString(),
                record.get("inviterDisplayName").asString(null),
                i.get("account").asString(),
                i.get("accountHash").asString(),
                i.get("status").asString(),
                i.get("createdAt").asLong(),
                i.get("expiresAt").asLong(),
                i.get("memberId").asString(null));
    }
}
