package org.poxledger.chaincode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.SpendingLimit;

/**
 * Mini-Pay daily spending limits of a channel (seed 003): their records under {@code channel-limit~channelId~day},
 * the rules a new one must meet, and the redeem cap they leave.
 */
final class SpendingLimits {

    private SpendingLimits() {}

    static Optional<SpendingLimit> find(final ChaincodeStub stub, final String channelId, final String day) {
        final byte[] state = stub.getState(LedgerKeys.channelLimit(stub, channelId, day));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, SpendingLimit.class));
    }

    static void put(final ChaincodeStub stub, final SpendingLimit limit) {
        stub.putState(LedgerKeys.channelLimit(stub, limit.channelId(), limit.day()), LedgerJson.bytes(limit));
    }

    /**
     * The day is the transaction's UTC day or the next (a broker may certify tomorrow before midnight), after the
     * channel's last certified day; the day's spending starts at a known index; the limit buys at least one payword;
     * and the channel still accepts redeems for a whole day after the certified day ends.
     */
    static void requireValid(
            final Channel channel, final LocalDate day, final long fromIndex, final long limit, final long now) {
        final LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        if (day.isBefore(today) || day.isAfter(today.plusDays(1))) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_INVALID,
                    "day %s of channel %s must be the transaction's UTC day %s or the next",
                    day,
                    channel.channelId(),
                    today);
        }
        if (channel.certifiedDay() != null && day.toString().compareTo(channel.certifiedDay()) <= 0) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_CONFLICT,
                    "channel %s is already certified up to %s; day %s is not after it",
                    channel.channelId(),
                    channel.certifiedDay(),
                    day);
        }
        if (fromIndex < channel.redeemedIndex() || fromIndex >= channel.chainLength()) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_INVALID,
                    "fromIndex %d of channel %s must lie from its redeemed index %d to below its chain length %d",
                    fromIndex,
                    channel.channelId(),
                    channel.redeemedIndex(),
                    channel.chainLength());
        }
        if (limit < channel.unit()) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_INVALID,
                    "limit %d of channel %s is less than one payword of %d",
                    limit,
                    channel.channelId(),
                    channel.unit());
        }
        final long redeemableUntil =
                day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        if (channel.expiresAt() < redeemableUntil) {
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_INVALID,
                    "channel %s expires at %d, before %d: payees accepting offline on %s need the day after to redeem",
                    channel.channelId(),
                    channel.expiresAt(),
                    redeemableUntil,
                    day);
        }
    }

    /** @return {@code min(n, max(previous cap, fromIndex + limit / unit))}, without overflow */
    static long capAfter(final Channel channel, final long fromIndex, final long limit) {
        final long window = Math.min(limit / channel.unit(), channel.chainLength());
        final long reach = Math.min(channel.chainLength(), fromIndex + window);
        return channel.spendingCap() == null ? reach : Math.max(channel.spendingCap(), reach);
    }
}
