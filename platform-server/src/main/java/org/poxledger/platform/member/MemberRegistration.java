package org.poxledger.platform.member;

import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Member;
import org.poxledger.platform.ledger.Committed;
import org.poxledger.platform.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Registers members and changes their status: the ledger first (it enforces the referral invariants of DESIGN §4),
 * then the graph projection (§10). A crash between the two is repaired by the event listener or by repeating the call:
 * the chaincode answers a repeated registration with the stored member, and the projection is idempotent.
 */
@Service
public class MemberRegistration {

    private static final Logger log = LoggerFactory.getLogger(MemberRegistration.class);

    private final LedgerClient ledger;
    private final MemberProjection projection;
    private final MemberProfiles profiles;
    private final MemberRepository members;
    private final AccountHasher hasher;

    MemberRegistration(
            LedgerClient ledger,
            MemberProjection projection,
            MemberProfiles profiles,
            MemberRepository members,
            AccountHasher hasher) {
        this.ledger = ledger;
        this.projection = projection;
        this.profiles = profiles;
        this.members = members;
        this.hasher = hasher;
    }

    /**
     * Creates a genesis member (no recommender, created VERIFIED by an admin).
     *
     * @throws Refusal {@code ACCOUNT_ALREADY_REGISTERED} when the account is a member already
     */
    public Member registerGenesis(SocialAccount account, String displayName, String email) {
        String accountHash = requireUnregistered(account);
        String memberId = MemberIds.newMemberId();
        Committed<Member> result = ledger.registerGenesisMember(memberId, accountHash);
        Member member = project(result);
        profiles.save(memberId, displayName, account, email);
        log.info("registered genesis member {} tx={}", memberId, result.transactionId());
        return member;
    }

    /**
     * Registers a recommended member under a chosen id; repeating the call with the same arguments returns the same
     * member and registers nobody twice.
     */
    public Member register(
            String memberId, SocialAccount account, String recommenderId, String displayName, String email) {
        String accountHash = hasher.hash(account);
        Committed<Member> result = ledger.registerMember(memberId, accountHash, recommenderId);
        Member member = project(result);
        profiles.save(memberId, displayName, account, email);
        log.info("registered member {} under {} tx={}", memberId, recommenderId, result.transactionId());
        return member;
    }

    /** ACTIVE → VERIFIED (a VERIFIED member stays so). */
    public Member verify(String memberId) {
        return project(ledger.verifyMember(memberId));
    }

    /** ACTIVE/VERIFIED → SUSPENDED, a fraud hold. */
    public Member suspend(String memberId, String reason) {
        return project(ledger.suspendMember(memberId, reason));
    }

    /** SUSPENDED → the status before the suspension. */
    public Member reinstate(String memberId) {
        return project(ledger.reinstateMember(memberId));
    }

    /**
     * @return the account's hash
     * @throws Refusal {@code ACCOUNT_ALREADY_REGISTERED} when a projected member has it
     */
    public String requireUnregistered(SocialAccount account) {
        return requireUnregistered(account, null);
    }

    /**
     * @param recommenderId the member who would recommend the account, {@code null} if none
     * @return the account's hash
     * @throws Refusal {@code SELF_REFERRAL} when the account is the recommender's own, {@code
     *     ACCOUNT_ALREADY_REGISTERED} when another projected member has it
     */
    public String requireUnregistered(SocialAccount account, String recommenderId) {
        String accountHash = hasher.hash(account);
        members.memberIdByAccountHash(accountHash).ifPresent(owner -> {
            if (owner.equals(recommenderId)) {
                throw Refusal.of(
                        ErrorCode.SELF_REFERRAL, "handle", "account " + account + " is your own; invite someone else");
            }
            throw Refusal.of(
                    ErrorCode.ACCOUNT_ALREADY_REGISTERED, "handle", "account " + account + " is already registered");
        });
        return accountHash;
    }

    private Member project(Committed<Member> result) {
        Member member = result.value();
        projection.project(member);
        return member;
    }
}
