package org.poxledger.platform.invitation;

import java.time.Clock;
import java.time.Instant;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.member.AccountHasher;
import org.poxledger.platform.member.MemberIds;
import org.poxledger.platform.member.MemberRegistration;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.member.SocialAccount;
import org.poxledger.platform.security.UserAccounts;
import org.poxledger.platform.web.PageOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Invitations (DESIGN §4): a VERIFIED member invites an acquaintance's account; the acquaintance opens the link,
 * chooses a username and password, and is registered on the ledger under the inviter.
 */
@Service
public class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);

    private final InvitationRepository invitations;
    private final MemberRepository members;
    private final MemberRegistration registration;
    private final UserAccounts accounts;
    private final AccountHasher hasher;
    private final InvitationProperties properties;
    private final Clock clock;

    InvitationService(
            InvitationRepository invitations,
            MemberRepository members,
            MemberRegistration registration,
            UserAccounts accounts,
            AccountHasher hasher,
            InvitationProperties properties,
            Clock clock) {
        this.invitations = invitations;
        this.members = members;
        this.registration = registration;
        this.accounts = accounts;
        this.hasher = hasher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws Refusal {@code INVITER_NOT_VERIFIED}, {@code INVITER_SUSPENDED}, {@code UNKNOWN_NETWORK},
     *     {@code MALFORMED_HANDLE}, {@code SELF_REFERRAL}, {@code ACCOUNT_ALREADY_REGISTERED}, {@code DUPLICATE_INVITATION}
     */
    public Invitation invite(String inviterId, String network, String handle) {
        MemberView inviter = members.find(inviterId)
                .orElseThrow(() -> Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "member " + inviterId + " is unknown"));
        if (inviter.status() == MemberStatus.SUSPENDED) {
            throw Refusal.of(ErrorCode.INVITER_SUSPENDED, null, "member " + inviterId + " is suspended");
        }
        if (inviter.status() != MemberStatus.VERIFIED) {
            throw Refusal.of(
                    ErrorCode.INVITER_NOT_VERIFIED, null, "member " + inviterId + " must be verified to invite others");
        }
        SocialAccount account = SocialAccount.of(network, handle);
        String accountHash = registration.requireUnregistered(account, inviterId);
        Instant now = clock.instant();
        invitations.findOpen(account.canonical(), now).ifPresent(open -> {
            throw Refusal.of(
                    ErrorCode.DUPLICATE_INVITATION,
                    "handle",
                    "an open invitation for " + account + " exists until " + Instant.ofEpochMilli(open.expiresAt()));
        });
        String code = MemberIds.randomBase32(24);
        Instant expiresAt = now.plus(properties.validity());
        invitations.create(code, inviterId, account.canonical(), accountHash, now, expiresAt);
        log.info("member {} invited an account, invitation expires {}", inviterId, expiresAt);
        return invitations.view(invitations.find(code).orElseThrow(), now);
    }

    /** @return the inviter's invitations, newest first */
    public PageOf<Invitation> mine(String inviterId, int page, int size) {
        return invitations.byInviter(inviterId, clock.instant(), page, size);
    }

    /**
     * What the invitee sees before accepting.
     *
     * @param code the invitation code
     * @param inviterDisplayName who invited
     * @param account the invited account, {@code network:handle}
     * @param expiresAt until when it can be accepted
     */
    public record PublicInvitation(String code, String inviterDisplayName, String account, Instant expiresAt) {}

    /**
     * @throws Refusal {@code INVITATION_NOT_FOUND}, {@code INVITATION_EXPIRED}, {@code INVITATION_ALREADY_ACCEPTED}
     */
    public PublicInvitation lookup(String code) {
        InvitationRepository.Stored stored = acceptable(code, clock.instant());
        return new PublicInvitation(
                stored.code(), stored.inviterDisplayName(), stored.account(), Instant.ofEpochMilli(stored.expiresAt()));
    }

    /**
     * Registers the invitee under the inviter and creates their log-in account. The member id is kept on the
     * invitation before the ledger is called, so a retried request (after a time-out, a crash) registers the same
     * member, never a second one.
     *
     * @throws Refusal the errors of {@link #lookup}, {@code USERNAME_TAKEN}, {@code ACCOUNT_ALREADY_REGISTERED}
     * @throws LedgerException when the ledger refuses, e.g. {@code RECOMMENDER_NOT_VERIFIED}
     */
    public Member accept(String code, String username, String password, String displayName, String email) {
        Instant now = clock.instant();
        InvitationRepository.Stored stored = acceptable(code, now);
        SocialAccount account = SocialAccount.parse(stored.account());
        members.memberIdByAccountHash(hasher.hash(account))
                .filter(owner -> !owner.equals(stored.memberId()))
                .ifPresent(owner -> {
                    throw Refusal.of(
                            ErrorCode.ACCOUNT_ALREADY_REGISTERED,
                            null,
                            "account " + account + " is already registered");
                });
        accounts.find(username)
                .filter(user -> user.memberId() == null || !user.memberId().equals(stored.memberId()))
                .ifPresent(user -> {
                    throw Refusal.of(ErrorCode.USERNAME_TAKEN, "username", "username " + username + " is taken");
                });
        // checks first, so a refused request leaves the invitation as it was
        String memberId = invitations.keepMemberId(code, MemberIds.newMemberId());
        accounts.reserveForMember(memberId, username, password);
        Member member;
        try {
            member = registration.register(memberId, account, stored.inviterId(), displayName, email);
        } catch (LedgerException e) {
            if (!LedgerException.LEDGER_UNAVAILABLE.equals(e.code())
                    && !LedgerException.COMMIT_FAILED.equals(e.code())
                    && !e.isReadConflict()) {
                // refused for good: nothing may remain of the attempt (a transport failure keeps it for the retry)
                accounts.deleteDisabledMemberAccount(memberId);
            }
            throw e;
        }
        invitations.markAccepted(code, now);
        accounts.enableMember(memberId);
        log.info("invitation accepted: member {} registered under {}", memberId, stored.inviterId());
        return member;
    }

    private InvitationRepository.Stored acceptable(String code, Instant now) {
        InvitationRepository.Stored stored = invitations
                .find(code)
                .orElseThrow(() -> Refusal.of(ErrorCode.INVITATION_NOT_FOUND, "no invitation has code " + code));
        if ("ACCEPTED".equals(stored.status())) {
            throw Refusal.of(
                    ErrorCode.INVITATION_ALREADY_ACCEPTED, null, "invitation " + code + " has been accepted already");
        }
        // a registration that started before the expiry may still be completed by its retry
        if (stored.expiredAt(now) && stored.memberId() == null) {
            throw Refusal.of(
                    ErrorCode.INVITATION_EXPIRED,
                    null,
                    "invitation " + code + " expired at " + Instant.ofEpochMilli(stored.expiresAt()));
        }
        return stored;
    }
}
