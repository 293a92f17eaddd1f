package org.poxledger.chaincode;

import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelKind;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.payword.PaywordHash;

/** The checks every channel transaction shares, each with its own refusal code. */
final class ChannelRules {

    private ChannelRules() {}

    static void requireKind(final Channel channel, final ChannelKind kind, final String transaction) {
        if (channel.kind() != kind) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_KIND_MISMATCH,
                    "channel %s is a %s channel; %s takes %s channels only",
                    channel.channelId(),
                    channel.kind(),
                    transaction,
                    kind);
        }
    }

    static void requireOpen(final Channel channel) {
        if (channel.status() == ChannelStatus.CLOSED) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_CLOSED,
                    "channel %s was closed at %d by %s",
                    channel.channelId(),
                    channel.closedAt(),
                    channel.closedBy());
        }
    }

    static void requireUnexpired(final Channel channel, final long now) {
        if (now >= channel.expiresAt()) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXPIRED,
                    "channel %s expired at %d; the transaction time is %d",
                    channel.channelId(),
                    channel.expiresAt(),
                    now);
        }
    }

    /**
     * The index checks of a redeem, in the order their codes are documented: past the chain, not past the last
     * redeemed index, past the certified spending cap.
     */
    static void requireRedeemableIndex(final Channel channel, final long to) {
        if (to > channel.chainLength()) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_BEYOND_CHAIN,
                    "index %d is past the end of channel %s, whose chain has %d paywords",
                    to,
                    channel.channelId(),
                    channel.chainLength());
        }
        if (to <= channel.redeemedIndex()) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_REPLAYED,
                    "index %d of channel %s is not past the last redeemed index %d",
                    to,
                    channel.channelId(),
                    channel.redeemedIndex());
        }
        if (channel.spendingCap() != null && to > channel.spendingCap()) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_LIMIT_EXCEEDED,
                    "index %d of channel %s is past %d, the highest index its spending limits (the latest for %s)"
                            + " allow",
                    to,
                    channel.channelId(),
                    channel.spendingCap(),
                    channel.certifiedDay());
        }
    }

    /** {@code H^(to − j)(payword) = w_j}, the PayWord check against the last redeemed word. */
    static void requireChainReaches(final Channel channel, final long to, final String payword) {
        final long steps = to - channel.redeemedIndex();
        if (!new PaywordHash().reaches(PaywordHash.parse(payword), steps, PaywordHash.parse(channel.lastWord()))) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_INVALID,
                    "payword %s is not word %d of the chain of channel %s (%d hashes do not reach word %d)",
                    payword,
                    to,
                    channel.channelId(),
                    steps,
                    channel.redeemedIndex());
        }
    }

    static void requireNotSuspended(final Member member, final String role) {
        if (member.status() == MemberStatus.SUSPENDED) {
            throw LedgerRefusal.of(
                    ErrorCode.MEMBER_SUSPENDED,
                    "%s %s is SUSPENDED and cannot take part in channels",
                    role,
                    member.memberId());
        }
    }

    static long multiply(final long a, final long b, final String channelId) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw LedgerRefusal.of(
                    ErrorCode.AMOUNT_OVERFLOW,
                    "%d × %d minor units of channel %s exceed %d",
                    a,
                    b,
                    channelId,
                    Long.MAX_VALUE);
        }
    }
}
