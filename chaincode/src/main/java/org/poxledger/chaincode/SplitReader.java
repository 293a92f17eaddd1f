package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.poxledger.contract.ChannelLimits;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.PayeeShare;

/**
 * Reads and checks the {@code sharesJson} argument of {@code channels:RedeemSplit}, {@code {"shares":[{"amount",
 * "payeeId"}]}}: shape (MALFORMED_JSON), payee ids (INVALID_ARGUMENT), and the split's own rules (SPLIT_INVALID): 1 to
 * {@value ChannelLimits#MAX_SPLIT_SHARES} shares, each positive, each payee once. Shares are kept sorted by payee, so
 * the history entry is the same whatever order the broker listed them in.
 */
final class SplitReader {

    private static final String ARGUMENT = "sharesJson";

    private SplitReader() {}

    static List<PayeeShare> parse(final String sharesJson) {
        final JsonFields fields = JsonFields.parseObject(ARGUMENT, sharesJson).onlyFields("shares");
        final List<JsonFields> items = fields.objectList("shares");
        if (items.isEmpty() || items.size() > ChannelLimits.MAX_SPLIT_SHARES) {
            throw LedgerRefusal.of(
                    ErrorCode.SPLIT_INVALID,
                    "%s field shares must hold 1 to %d shares, got %d",
                    ARGUMENT,
                    ChannelLimits.MAX_SPLIT_SHARES,
                    items.size());
        }
        final List<PayeeShare> shares = new ArrayList<>(items.size());
        final Set<String> payees = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            final JsonFields item = items.get(i).onlyFields("amount", "payeeId");
            final String path = ARGUMENT + " field shares[" + i + "]";
            final String payeeId = Arguments.id(path + ".payeeId", item.string("payeeId"));
            final long amount = item.longValue("amount");
            if (amount <= 0) {
                throw LedgerRefusal.of(ErrorCode.SPLIT_INVALID, "%s.amount must be positive, got %d", path, amount);
            }
            if (!payees.add(payeeId)) {
                throw LedgerRefusal.of(ErrorCode.SPLIT_INVALID, "%s names payee %s twice", path, payeeId);
            }
            shares.add(new PayeeShare(amount, payeeId));
        }
        shares.sort((a, b) -> a.payeeId().compareTo(b.payeeId()));
        return List.copyOf(shares);
    }

    /**
     * @param shares parsed shares
     * @param payerId the channel's payer, who may not be paid from its own wallet
     * @param expected {@code (i − j) × unit}
     * @param channelId the channel, for messages
     */
    static void requireSplits(
            final List<PayeeShare> shares, final String payerId, final long expected, final String channelId) {
        long sum = 0;
        for (final PayeeShare share : shares) {
            if (share.payeeId().equals(payerId)) {
                throw LedgerRefusal.of(
                        ErrorCode.SPLIT_INVALID,
                        "payer %s of channel %s cannot be one of its payees",
                        payerId,
                        channelId);
            }
            try {
                sum = Math.addExact(sum, share.amount());
            } catch (ArithmeticException e) {
                throw LedgerRefusal.of(
                        ErrorCode.AMOUNT_OVERFLOW,
                        "the shares of channel %s add up past %d",
                        channelId,
                        Long.MAX_VALUE);
            }
        }
        if (sum != expected) {
            throw LedgerRefusal.of(
                    ErrorCode.SPLIT_SUM_MISMATCH,
                    "the shares for channel %s add up to %d, not the %d the redeemed paywords are worth",
                    channelId,
                    sum,
                    expected);
        }
    }
}
