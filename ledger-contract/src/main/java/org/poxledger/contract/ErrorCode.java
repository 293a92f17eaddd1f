package org.poxledger.contract;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every stable error code of PoX Ledger, once ({@code docs/ledger-wire.md}): the chaincode's refusals, the transport
 * failures of the ledger port, and the platform's own refusals. Each code carries its {@link Category} (the web layer
 * turns a category into an HTTP status, in one place) and the request field it usually concerns.
 *
 * <p>The chaincode throws {@code ChaincodeException("<CODE>: <sentence>", "<CODE>")} (see {@link #message(String)}),
 * because the Fabric Gateway carries the message but not the chaincode payload; the platform throws
 * {@link Refusal}.
 */
public enum ErrorCode {
    // ---- chaincode refusals (the wire contract)
    ACCESS_DENIED(Category.FORBIDDEN),
    INVALID_ARGUMENT(Category.INVALID),
    MALFORMED_JSON(Category.INVALID),
    MEMBER_EXISTS(Category.CONFLICT),
    MEMBER_NOT_FOUND(Category.NOT_FOUND),
    RECOMMENDER_NOT_FOUND(Category.NOT_FOUND),
    RECOMMENDER_NOT_VERIFIED(Category.CONFLICT),
    ACCOUNT_ALREADY_REGISTERED(Category.CONFLICT, "handle"),
    SELF_REFERRAL(Category.INVALID),
    MEMBER_SUSPENDED(Category.CONFLICT),
    INVALID_STATUS_TRANSITION(Category.CONFLICT),
    POLICY_INVALID(Category.INVALID),
    POLICY_NOT_FOUND(Category.NOT_FOUND),
    POLICY_VERSION_CONFLICT(Category.CONFLICT),
    CYCLE_MISMATCH(Category.CONFLICT),
    CYCLE_NOT_FOUND(Category.NOT_FOUND),
    /** {@code rewards:SealCycle} of a cycle whose recorded entries are fewer than it declares. */
    CYCLE_INCOMPLETE(Category.CONFLICT),
    REWARD_ENTRY_INVALID(Category.INVALID),
    /** {@code rewards:GetRewardEntry} of a known cycle and member without an entry. */
    REWARD_ENTRY_NOT_FOUND(Category.NOT_FOUND),
    HOLD_NOT_FOUND(Category.NOT_FOUND),
    INVALID_AMOUNT(Category.INVALID, "amount"),
    AMOUNT_OVERFLOW(Category.INVALID, "amount"),
    INSUFFICIENT_FUNDS(Category.CONFLICT, "amount"),
    SELF_TRANSFER(Category.INVALID, "toMemberId"),
    TRANSFER_ID_CONFLICT(Category.CONFLICT, "transferId"),
    /** {@code money:GetTransfer} of an unknown id. */
    TRANSFER_NOT_FOUND(Category.NOT_FOUND),
    CHANNEL_NOT_FOUND(Category.NOT_FOUND),
    CHANNEL_EXISTS(Category.CONFLICT),
    CHANNEL_CLOSED(Category.CONFLICT),
    CHANNEL_EXPIRED(Category.CONFLICT),
    CHANNEL_NOT_EXPIRED(Category.CONFLICT),
    CHANNEL_PARTY_MISMATCH(Category.FORBIDDEN),
    PAYWORD_BEYOND_CHAIN(Category.CONFLICT),
    PAYWORD_REPLAYED(Category.CONFLICT),
    PAYWORD_INVALID(Category.CONFLICT),
    /** {@code Redeem} of a WALLET channel, or {@code RedeemSplit} of a DIRECT one. */
    CHANNEL_KIND_MISMATCH(Category.CONFLICT),
    /** A split with no share, too many, a payee named twice, the payer as a payee, or a share that is not positive. */
    SPLIT_INVALID(Category.INVALID, "shares"),
    /** The shares of a split redeem do not add up to {@code (i − j) × unit}. */
    SPLIT_SUM_MISMATCH(Category.CONFLICT, "shares"),
    /** A redeem (or a payment to the broker) past every Mini-Pay spending limit certified for the channel. */
    SPENDING_LIMIT_EXCEEDED(Category.CONFLICT, "index"),
    /** A spending limit for a day in the past or too far ahead, below one unit, or not covered by the channel. */
    SPENDING_CERTIFICATE_INVALID(Category.INVALID, "day"),
    /** A spending limit for a day already certified with other terms, or for a day before the last one. */
    SPENDING_CERTIFICATE_CONFLICT(Category.CONFLICT, "day"),

    // ---- transport failures of the ledger port (org.poxledger.ledger.LedgerException)
    /** The ledger could not be reached or did not answer in time. */
    LEDGER_UNAVAILABLE(Category.UNAVAILABLE),
    /** The transaction was ordered but failed validation for a reason other than a read conflict. */
    COMMIT_FAILED(Category.UNAVAILABLE),
    /**
     * The transaction was ordered but a key or range it read changed before it committed; the server retries it, and
     * answers this only once its bounded retries are spent.
     */
    READ_CONFLICT(Category.UNAVAILABLE),
    /** The chaincode failed without one of its own error codes. */
    CHAINCODE_ERROR(Category.LEDGER_FAILURE),

    // ---- platform refusals
    VALIDATION_FAILED(Category.INVALID),
    MALFORMED_REQUEST(Category.INVALID),
    /** A form field that should hold a whole number holds something else. */
    NOT_A_NUMBER(Category.INVALID),
    UNKNOWN_NETWORK(Category.INVALID, "network"),
    MALFORMED_HANDLE(Category.INVALID, "handle"),
    IDEMPOTENCY_KEY_MISMATCH(Category.INVALID, "transferId"),
    INVALID_CYCLE_END(Category.INVALID, "end"),
    UNAUTHENTICATED(Category.UNAUTHENTICATED),
    /** {@code POST /api/v1/auth/token} with a wrong username or password. */
    BAD_CREDENTIALS(Category.UNAUTHENTICATED),
    /** A state-changing call from another site ({@code Origin} or {@code Sec-Fetch-Site}): a forged request. */
    CROSS_SITE_REQUEST(Category.FORBIDDEN),
    /** A state-changing API call whose body is not {@code application/json}, as a forged form's would be. */
    JSON_REQUIRED(Category.UNSUPPORTED_MEDIA_TYPE),
    /** Too many failed log-ins, invitation codes or setup tokens from one account or address (429). */
    TOO_MANY_ATTEMPTS(Category.TOO_MANY_REQUESTS),
    PASSWORD_TOO_WEAK(Category.INVALID, "password"),
    /** More UTF-8 bytes than BCrypt reads. */
    PASSWORD_TOO_LONG(Category.INVALID, "password"),
    NOT_A_MEMBER(Category.FORBIDDEN),
    SETUP_TOKEN_INVALID(Category.FORBIDDEN, "token"),
    DRAFT_NOT_FOUND(Category.NOT_FOUND),
    INVITATION_NOT_FOUND(Category.NOT_FOUND),
    REWARD_NOT_FOUND(Category.NOT_FOUND),
    USERNAME_TAKEN(Category.CONFLICT, "username"),
    DUPLICATE_INVITATION(Category.CONFLICT, "handle"),
    INVITER_NOT_VERIFIED(Category.CONFLICT),
    INVITER_SUSPENDED(Category.CONFLICT),
    INVITATION_ALREADY_ACCEPTED(Category.CONFLICT),
    SETUP_ALREADY_DONE(Category.CONFLICT),
    CYCLE_CLOSE_CONFLICT(Category.CONFLICT),
    /** The graph has not yet applied the ledger's latest blocks; the same request may be repeated (503). */
    PROJECTION_BEHIND(Category.UNAVAILABLE),
    INVITATION_EXPIRED(Category.GONE),
    INTERNAL_ERROR(Category.INTERNAL);

    /** What kind of refusal a code is; the web layer maps each category to one HTTP status. */
    public enum Category {
        /** The request itself is wrong (400). */
        INVALID,
        /** No or bad credentials (401). */
        UNAUTHENTICATED,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** The thing named does not exist (404). */
        NOT_FOUND,
        /** The request is well-formed but breaks a rule given the current state (409). */
        CONFLICT,
        /** The thing named existed but is no longer usable (410). */
        GONE,
        /** The request body has a media type this operation does not take (415). */
        UNSUPPORTED_MEDIA_TYPE,
        /** The caller failed too often and must wait (429). */
        TOO_MANY_REQUESTS,
        /** The ledger failed in a way that the server cannot explain (502). */
        LEDGER_FAILURE,
        /** The ledger could not be reached; the same request may be repeated (503). */
        UNAVAILABLE,
        /** The server failed (500). */
        INTERNAL
    }

    private static final Map<String, ErrorCode> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final Category category;
    private final String field;

    ErrorCode(final Category category) {
        this(category, null);
    }

    ErrorCode(final Category category, final String field) {
        this.category = category;
        this.field = field;
    }

    /** @return what kind of refusal this is */
    public Category category() {
        return category;
    }

    /** @return the request field this code concerns when nothing more precise is known, or {@code null} */
    public String field() {
        return field;
    }

    /**
     * @param sentence what went wrong, naming the thing and the value, e.g. {@code "member m_1 does not exist"}
     * @return {@code "<CODE>: <sentence>"}, the form of every chaincode refusal message
     */
    public String message(final String sentence) {
        return name() + ": " + sentence;
    }

    /**
     * @param code a code as carried by a ledger exception or a problem detail, possibly {@code null}
     * @return the code, empty when it is not one of ours (e.g. a Neo4j or gRPC status)
     */
    public static Optional<ErrorCode> of(final String code) {
        return Optional.ofNullable(code == null ? null : BY_NAME.get(code));
    }

    /**
     * @param code a code as carried by a ledger exception
     * @return whether it is this code
     */
    public boolean is(final String code) {
        return name().equals(code);
    }
}
