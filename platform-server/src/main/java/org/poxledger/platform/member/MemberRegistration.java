package org.poxledger.platform.member;

import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers members and changes their status: the ledger first (it enforces the referral invariants of DESIGN §4),
 * then the graph projection (§10). A crash between the two is repaired by the event listener or by repeating the call:
 * the chaincode answers a repeated registration with the stored member, and the projection is idempotent.
 */
@Service
public class MemberRegistration {

    private static final Logger log = LoggerFactory.getLogger(MemberRegistration.class);

    private final LedgerConnection ledger;
    private final MemberProjection projection;
    private final MemberProfiles profiles;
    private final MemberRepository members;
    private final AccountHasher hasher;
    private final JsonMapper json;

    MemberRegistration(
            LedgerConnection ledger,
            MemberProjection projection,
            MemberProfiles profiles,
            MemberRepository members,
            AccountHasher hasher,
            JsonMapper json) {
        this.ledger = ledger;
        this.projection = projection;
        this.profiles = profiles;
        this.members = members;
        this.hasher = hasher;
        this.json = json;
    }

    /**
     * Creates a genesis member (no recommender, created VERIFIED by an admin).
     *
     * @throws ApiException {@code ACCOUNT_ALREADY_REGISTERED} when the account is a member already
     */
    public LedgerMember registerGenesis(SocialAccount account, String displayName, String email) {
        String accountHash = requireUnregistered(account);
        String memberId = MemberIds.newMemberId();
        LedgerResult result = ledger.submit("members:RegisterGenesisMember", memberId, accountHash);
        LedgerMember member = project(result);
        profiles.save(memberId, displayName, account, email);
        log.info("registered genesis member {} tx={}", memberId, result.transactionId());
        return member;
    }

    /**
     * Registers a recommended member under a chosen id; repeating the call with the same arguments returns the same
     * member and registers nobody twice.
     */
    public LedgerMember register(
            String memberId, SocialAccount account, String recommenderId, String displayName, String email) {
        String accountHash = hasher.hash(account);
        LedgerResult result = ledger.submit("members:RegisterMember", memberId, accountHash, recommenderId);
        LedgerMember member = project(result);
        profiles.save(memberId, displayName, account, email);
        log.info("registered member {} under {} tx={}", memberId, recommenderId, result.transactionId());
        return member;
    }

    /** ACTIVE → VERIFIED (a VERIFIED member stays so). */
    public LedgerMember verify(String memberId) {
        return project(ledger.submit("members:VerifyMember", memberId));
    }

    /** ACTIVE/VERIFIED → SUSPENDED, a fraud hold. */
    public LedgerMember suspend(String memberId, String reason) {
        return project(ledger.submit("members:SuspendMember", memberId, reason));
    }

    /** SUSPENDED → the status before the suspension. */
    public LedgerMember reinstate(String memberId) {
        return project(ledger.submit("members:ReinstateMember", memberId));
    }

    /**
     * @return the account's hash
     * @throws ApiException {@code ACCOUNT_ALREADY_REGISTERED} when a projected member has it
     */
    public String requireUnregistered(SocialAccount account) {
        String accountHash = hasher.hash(account);
        if (members.memberIdByAccountHash(accountHash).isPresent()) {
            throw ApiException.conflict(
                    "ACCOUNT_ALREADY_REGISTERED", "handle", "account " + account + " is already registered");
        }
        return accountHash;
    }

    private LedgerMember project(LedgerResult result) {
        LedgerMember member = LedgerMember.fromJson(json, result.payloadText());
        projection.project(member);
        return member;
    }
}
