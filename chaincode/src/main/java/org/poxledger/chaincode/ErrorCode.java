package org.poxledger.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The stable error codes of the wire contract ({@code docs/ledger-wire.md}). Every refusal is a
 * {@link ChaincodeException} whose message starts with {@code "<CODE>: "} and whose payload is the code, because the
 * Fabric Gateway carries the message but not the chaincode payload.
 *
 * <p>{@link #REWARD_ENTRY_NOT_FOUND} ({@code rewards:GetRewardEntry} of a known cycle and member without an entry) and
 * {@link #TRANSFER_NOT_FOUND} ({@code money:GetTransfer} of an unknown id) complete the table of the wire contract,
 * which names no code for those two lookups.
 */
public enum ErrorCode {
    ACCESS_DENIED,
    INVALID_ARGUMENT,
    MALFORMED_JSON,
    MEMBER_EXISTS,
    MEMBER_NOT_FOUND,
    RECOMMENDER_NOT_FOUND,
    RECOMMENDER_NOT_VERIFIED,
    ACCOUNT_ALREADY_REGISTERED,
    SELF_REFERRAL,
    MEMBER_SUSPENDED,
    INVALID_STATUS_TRANSITION,
    POLICY_INVALID,
    POLICY_NOT_FOUND,
    POLICY_VERSION_CONFLICT,
    CYCLE_MISMATCH,
    CYCLE_NOT_FOUND,
    REWARD_ENTRY_INVALID,
    REWARD_ENTRY_NOT_FOUND,
    HOLD_NOT_FOUND,
    INVALID_AMOUNT,
    AMOUNT_OVERFLOW,
    INSUFFICIENT_FUNDS,
    SELF_TRANSFER,
    TRANSFER_ID_CONFLICT,
    TRANSFER_NOT_FOUND,
    CHANNEL_NOT_FOUND,
    CHANNEL_EXISTS,
    CHANNEL_CLOSED,
    CHANNEL_EXPIRED,
    CHANNEL_NOT_EXPIRED,
    CHANNEL_PARTY_MISMATCH,
    PAYWORD_BEYOND_CHAIN,
    PAYWORD_REPLAYED,
    PAYWORD_INVALID;

    /**
     * Builds the refusal for this code.
     *
     * @param sentence what went wrong, naming the thing and the value, e.g. {@code "member m_1 does not exist"}
     * @return the exception to throw; its message is {@code "<CODE>: <sentence>"} and its payload the code
     */
    public ChaincodeException exception(final String sentence) {
        return new ChaincodeException(name() + ": " + sentence, name());
    }

    /**
     * Like {@link #exception(String)} with a {@link String#format} template.
     *
     * @param template the sentence template
     * @param values the values named in the sentence
     * @return the exception to throw
     */
    public ChaincodeException exception(final String template, final Object... values) {
        return exception(String.format(template, values));
    }
}
