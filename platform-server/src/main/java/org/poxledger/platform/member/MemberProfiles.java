package org.poxledger.platform.member;

import java.util.HashMap;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ClientException;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.springframework.stereotype.Component;

/**
 * Personal data of members (DESIGN §3): display name, the clear-text account and e-mail live only on the
 * {@code :Member} node in Neo4j, never on the ledger, and can be erased without touching the ledger.
 */
@Component
public class MemberProfiles {

    private final Driver driver;

    MemberProfiles(Driver driver) {
        this.driver = driver;
    }

    /**
     * Stores a projected member's personal data.
     *
     * @param email an e-mail address, {@code null} for none (an {@code email:} account is its own e-mail)
     * @throws Refusal {@code ACCOUNT_ALREADY_REGISTERED} when another member holds that account
     */
    public void save(String memberId, String displayName, SocialAccount account, String email) {
        Map<String, Object> params = new HashMap<>();
        params.put("memberId", memberId);
        params.put("displayName", displayName);
        params.put("account", account.canonical());
        params.put("email", email == null && account.network() == SocialNetwork.EMAIL ? account.handle() : email);
        try {
            var result = driver.executableQuery("""
                            MATCH (m:Member {memberId: $memberId})
                            SET m.displayName = $displayName, m.account = $account, m.email = $email
                            RETURN m.memberId AS memberId
                            """).withParameters(params).execute();
            if (result.records().isEmpty()) {
                throw new IllegalStateException("member " + memberId + " is not in the graph; project it first");
            }
        } catch (ClientException e) {
            if (e.code().startsWith("Neo.ClientError.Schema.ConstraintValidationFailed")) {
                throw Refusal.of(
                        ErrorCode.ACCOUNT_ALREADY_REGISTERED,
                        "handle",
                        "account " + account + " belongs to another member");
            }
            throw e;
        }
    }

    /** Erases a member's personal data from the graph; the ledger keeps only the pseudonym and the hash. */
    public void erase(String memberId) {
        driver.executableQuery("MATCH (m:Member {memberId: $memberId}) REMOVE m.displayName, m.account, m.email")
                .withParameters(Map.of("memberId", memberId))
                .execute();
    }
}
