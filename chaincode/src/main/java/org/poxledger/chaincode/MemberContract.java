package org.poxledger.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.poxledger.contract.ContractNames;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.Suspension;

/**
 * Members and the referral tree. The tree invariants of DESIGN §4 hold here, not only in the server: one recommender
 * fixed at registration, the recommender exists and is VERIFIED, no self-referral (so the tree stays acyclic: a new
 * node can only hang under an existing one), one member per account hash, and the status machine ACTIVE → VERIFIED ↔
 * SUSPENDED.
 */
@Contract(
        name = ContractNames.MEMBERS,
        info =
                @Info(
                        title = "PoX members",
                        description = "Pseudonymous members and their referral edges",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class MemberContract implements ContractInterface {

    static final String MEMBER_REGISTERED = "MemberRegistered";
    static final String MEMBER_VERIFIED = "MemberVerified";
    static final String MEMBER_SUSPENDED = "MemberSuspended";
    static final String MEMBER_REINSTATED = "MemberReinstated";

    private final AccessPolicy access;

    public MemberContract() {
        this(AccessPolicy.fromEnvironment());
    }

    MemberContract(final AccessPolicy access) {
        this.access = access;
    }

    /**
     * Creates a root of the referral tree. Genesis members are created VERIFIED, since only the operator creates
     * them. Repeating the exact same registration returns the stored member without a new event.
     *
     * @param ctx the transaction context
     * @param memberId new member id, {@code [A-Za-z0-9_-]{1,64}}
     * @param accountHash HMAC-SHA256 of the member's account, 64 lower-case hex
     * @return the Member JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterGenesisMember(final Context ctx, final String memberId, final String accountHash) {
        access.requireOperator(ctx);
        Arguments.id("memberId", memberId);
        Arguments.sha256Hex("accountHash", accountHash);

        final ChaincodeStub stub = ctx.getStub();
        final Optional<Member> existing = MemberRecords.find(stub, memberId);
        if (existing.isPresent()) {
            return LedgerJson.text(sameRegistration(existing.get(), accountHash, null));
        }
        claimAccount(stub, accountHash, memberId);
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Member member = new Member(accountHash, memberId, null, now, stub.getTxId(), MemberStatus.VERIFIED, now);
        MemberRecords.put(stub, member);
        stub.setEvent(MEMBER_REGISTERED, LedgerJson.bytes(member));
        return LedgerJson.text(member);
    }

    /**
     * Registers a member under a VERIFIED recommender. Repeating the exact same registration returns the stored
     * member without a new event, so a retried request never registers twice.
     *
     * @param ctx the transaction context
     * @param memberId new member id, {@code [A-Za-z0-9_-]{1,64}}
     * @param accountHash HMAC-SHA256 of the member's account, 64 lower-case hex
     * @param recommenderId the VERIFIED member who recommended this one
     * @return the Member JSON, status ACTIVE
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterMember(
            final Context ctx, final String memberId, final String accountHash, final String recommenderId) {
        access.requireOperator(ctx);
        Arguments.id("memberId", memberId);
        Arguments.sha256Hex("accountHash", accountHash);
        Arguments.id("recommenderId", recommenderId);
        if (memberId.equals(recommenderId)) {
            throw LedgerRefusal.of(ErrorCode.SELF_REFERRAL, "member %s cannot recommend itself", memberId);
        }

        final ChaincodeStub stub = ctx.getStub();
        final Optional<Member> existing = MemberRecords.find(stub, memberId);
        if (existing.isPresent()) {
            return LedgerJson.text(sameRegistration(existing.get(), accountHash, recommenderId));
        }
        final Member recommender = MemberRecords.find(stub, recommenderId)
                .orElseThrow(() -> LedgerRefusal.of(
                        ErrorCode.RECOMMENDER_NOT_FOUND,
                        "recommender %s of member %s does not exist",
                        recommenderId,
                        memberId));
        if (recommender.status() != MemberStatus.VERIFIED) {
            throw LedgerRefusal.of(
                    ErrorCode.RECOMMENDER_NOT_VERIFIED,
                    "recommender %s is %s; only VERIFIED members may recommend",
                    recommenderId,
                    recommender.status());
        }
        claimAccount(stub, accountHash, memberId);
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Member member =
                new Member(accountHash, memberId, recommenderId, now, stub.getTxId(), MemberStatus.ACTIVE, now);
        MemberRecords.put(stub, member);
        stub.putState(LedgerKeys.recommendee(stub, recommenderId, memberId), LedgerKeys.marker());
        stub.setEvent(MEMBER_REGISTERED, LedgerJson.bytes(member));
        return LedgerJson.text(member);
    }

    /**
     * Marks a member identity-verified. Verifying a VERIFIED member changes nothing and returns it.
     *
     * @param ctx the transaction context
     * @param memberId an ACTIVE or VERIFIED member
     * @return the Member JSON, status VERIFIED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String VerifyMember(final Context ctx, final String memberId) {
        access.requireOperator(ctx);
        Arguments.id("memberId", memberId);

        final ChaincodeStub stub = ctx.getStub();
        final Member member = MemberRecords.require(stub, memberId);
        switch (member.status()) {
            case VERIFIED -> {
                return LedgerJson.text(member);
            }
            case SUSPENDED ->
                throw LedgerRefusal.of(
                        ErrorCode.INVALID_STATUS_TRANSITION,
                        "member %s is SUSPENDED; reinstate it before verifying",
                        memberId);
            case ACTIVE -> {
                final Member verified = member.withStatus(
                        MemberStatus.VERIFIED, stub.getTxTimestamp().toEpochMilli());
                MemberRecords.put(stub, verified);
                stub.setEvent(MEMBER_VERIFIED, LedgerJson.bytes(verified));
                return LedgerJson.text(verified);
            }
            default -> throw new IllegalStateException("Unknown status " + member.status());
        }
    }

    /**
     * Puts a member on fraud hold; the status before the hold is remembered for reinstatement.
     *
     * @param ctx the transaction context
     * @param memberId an ACTIVE or VERIFIED member
     * @param reason why, at most 280 characters
     * @return the Member JSON, status SUSPENDED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SuspendMember(final Context ctx, final String memberId, final String reason) {
        access.requireOperator(ctx);
        Arguments.id("memberId", memberId);
        Arguments.requiredText("reason", reason);

        final ChaincodeStub stub = ctx.getStub();
        final Member member = MemberRecords.require(stub, memberId);
        if (member.status() == MemberStatus.SUSPENDED) {
            throw LedgerRefusal.of(ErrorCode.INVALID_STATUS_TRANSITION, "member %s is already SUSPENDED", memberId);
        }
        final long now = stub.getTxTimestamp().toEpochMilli();
        stub.putState(
                LedgerKeys.suspension(stub, memberId),
                LedgerJson.bytes(new Suspension(member.status(), reason, now, stub.getTxId())));
        final Member suspended = member.withStatus(MemberStatus.SUSPENDED, now);
        MemberRecords.put(stub, suspended);
        stub.setEvent(
                MEMBER_SUSPENDED, LedgerJson.bytes(LedgerJson.tree(suspended).put("reason", reason)));
        return LedgerJson.text(suspended);
    }

    /**
     * Lifts a fraud hold, restoring the status the member had before it.
     *
     * @param ctx the transaction context
     * @param memberId a SUSPENDED member
     * @return the Member JSON with the restored status
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ReinstateMember(final Context ctx, final String memberId) {
        access.requireOperator(ctx);
        Arguments.id("memberId", memberId);

        final ChaincodeStub stub = ctx.getStub();
        final Member member = MemberRecords.require(stub, memberId);
        if (member.status() != MemberStatus.SUSPENDED) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_STATUS_TRANSITION,
                    "member %s is %s, not SUSPENDED; only a suspended member can be reinstated",
                    memberId,
                    member.status());
        }
        final String suspensionKey = LedgerKeys.suspension(stub, memberId);
        final byte[] suspension = stub.getState(suspensionKey);
        // Without a record (cannot happen through this contract) fall back to the least privileged status.
        final MemberStatus previous = suspension == null || suspension.length == 0
                ? MemberStatus.ACTIVE
                : LedgerJson.read(suspension, Suspension.class).previousStatus();
        stub.delState(suspensionKey);
        final Member reinstated =
                member.withStatus(previous, stub.getTxTimestamp().toEpochMilli());
        MemberRecords.put(stub, reinstated);
        stub.setEvent(MEMBER_REINSTATED, LedgerJson.bytes(reinstated));
        return LedgerJson.text(reinstated);
    }

    /**
     * @param ctx the transaction context
     * @param memberId the member
     * @return the Member JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetMember(final Context ctx, final String memberId) {
        Arguments.id("memberId", memberId);
        return LedgerJson.text(MemberRecords.require(ctx.getStub(), memberId));
    }

    /**
     * Lists the members a member recommended directly, in member-id order.
     *
     * @param ctx the transaction context
     * @param memberId the recommender
     * @param pageSize 1..1000
     * @param bookmark "" for the first page, else the bookmark of the previous page
     * @return {@code {"bookmark","items":[Member]}}, bookmark "" on the last page
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListRecommendees(
            final Context ctx, final String memberId, final String pageSize, final String bookmark) {
        Arguments.id("memberId", memberId);
        final int size = Arguments.pageSize(pageSize);
        final ChaincodeStub stub = ctx.getStub();
        final CompositeKey range = LedgerKeys.recommendeesOf(stub, memberId);
        Arguments.bookmark(bookmark, range.toString());

        MemberRecords.require(stub, memberId);
        return LedgerJson.text(Pages.read(
                stub,
                range,
                size,
                bookmark,
                key -> MemberRecords.require(stub, key.getAttributes().get(1))));
    }

    private static Member sameRegistration(
            final Member existing, final String accountHash, final String recommenderId) {
        if (existing.accountHash().equals(accountHash) && Objects.equals(existing.recommenderId(), recommenderId)) {
            return existing;
        }
        throw LedgerRefusal.of(
                ErrorCode.MEMBER_EXISTS,
                "member %s is already registered with another account or recommender",
                existing.memberId());
    }

    private static void claimAccount(final ChaincodeStub stub, final String accountHash, final String memberId) {
        final String key = LedgerKeys.account(stub, accountHash);
        final byte[] owner = stub.getState(key);
        if (owner != null && owner.length > 0) {
            throw LedgerRefusal.of(
                    ErrorCode.ACCOUNT_ALREADY_REGISTERED,
                    "accountHash %s is already registered to another member",
                    accountHash);
        }
        stub.putState(key, memberId.getBytes(StandardCharsets.UTF_8));
    }
}
