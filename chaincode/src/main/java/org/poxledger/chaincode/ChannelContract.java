package org.poxledger.chaincode;

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
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelAction;
import org.poxledger.contract.model.ChannelChange;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.PaywordHash;

/**
 * PayWord micropayment channels (DESIGN §8, seeds 002–003): a payer locks {@code n × unit} and commits to {@code w_0 =
 * H^n(seed)}; payments happen off-chain through the broker; the payee redeems the highest payword in one transaction
 * for any number of payments; closing refunds what was not redeemed.
 *
 * <p>Hot-key safe: each channel has its own key, the deposit leaves the payer through the {@link Balances} debit (a
 * payer is never overdrawn), and payouts and refunds are blind {@link Balances} credits, so a payee redeeming many
 * channels at once causes no read conflicts. The operator submits every write and names the member it acts for
 * ({@code actorId}); the chaincode checks that member's part in the channel.
 */
@Contract(
        name = ContractNames.CHANNELS,
        info =
                @Info(
                        title = "PoX micropayment channels",
                        description = "PayWord channels: open with a deposit, redeem the highest payword, close",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class ChannelContract implements ContractInterface {

    static final String CHANNEL_OPENED = "ChannelOpened";
    static final String CHANNEL_REDEEMED = "ChannelRedeemed";
    static final String CHANNEL_CLOSED = "ChannelClosed";

    private final AccessPolicy access;

    public ChannelContract() {
        this(AccessPolicy.fromEnvironment());
    }

    ChannelContract(final AccessPolicy access) {
        this.access = access;
    }

    /**
     * Opens a channel and locks its deposit from the payer. Repeating it with the same id and terms returns the
     * channel as it stands, with its OPENED entry, without a second debit or event.
     *
     * @param ctx the transaction context
     * @param channelId client-chosen id, {@code [A-Za-z0-9_-]{1,64}}
     * @param payerId the payer, not SUSPENDED, with at least {@code unit × chainLength}
     * @param payeeId the payee, not SUSPENDED, not the payer
     * @param unit positive minor units per payword
     * @param chainLength {@code n}, 1..1000000
     * @param root {@code w_0 = H^n(seed)}, 64 lower-case hex characters
     * @param expiresAt epoch milliseconds, after the transaction time
     * @return the ChannelChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String OpenChannel(
            final Context ctx,
            final String channelId,
            final String payerId,
            final String payeeId,
            final String unit,
            final String chainLength,
            final String root,
            final String expiresAt) {
        access.requireOperator(ctx);
        Arguments.id("channelId", channelId);
        Arguments.id("payerId", payerId);
        Arguments.id("payeeId", payeeId);
        final long units = Arguments.amount("unit", unit);
        final long length = Arguments.between("chainLength", chainLength, 1, PaywordChain.MAX_LENGTH);
        Arguments.sha256Hex("root", root);
        final long expiry = Arguments.between("expiresAt", expiresAt, 0, Long.MAX_VALUE);
        if (payerId.equals(payeeId)) {
            throw LedgerRefusal.of(ErrorCode.SELF_TRANSFER, "member %s cannot open a channel to itself", payerId);
        }

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel existing = ChannelRecords.find(stub, channelId).orElse(null);
        if (existing != null) {
            if (existing.sameTerms(payerId, payeeId, units, length, root, expiry)) {
                return LedgerJson.text(new ChannelChange(existing, ChannelRecords.opening(stub, channelId)));
            }
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXISTS,
                    "channel %s already exists with other terms (%d × %d from %s to %s)",
                    channelId,
                    existing.chainLength(),
                    existing.unit(),
                    existing.payerId(),
                    existing.payeeId());
        }
        if (expiry <= now) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXPIRED,
                    "channel %s would expire at expiresAt %d, not after the transaction time %d",
                    channelId,
                    expiry,
                    now);
        }
        requireNotSuspended(MemberRecords.require(stub, payerId), "payer");
        requireNotSuspended(MemberRecords.require(stub, payeeId), "payee");
        final long deposit = multiply(units, length, channelId);

        Balances.debit(stub, payerId, deposit);
        final Channel channel = new Channel(
                length,
                channelId,
                null,
                null,
                deposit,
                expiry,
                root,
                deposit,
                now,
                stub.getTxId(),
                payeeId,
                payerId,
                0,
                0,
                0,
                root,
                ChannelStatus.OPEN,
                units);
        return record(stub, channel, ChannelAction.OPENED, payerId, deposit, 0, CHANNEL_OPENED);
    }

    /**
     * Pays the payee for every payment up to {@code index} in one transaction: {@code H^(index − j)(payword)} must be
     * the last redeemed word {@code w_j} (the root at first), and {@code (index − j) × unit} is credited.
     *
     * @param ctx the transaction context
     * @param channelId the channel, OPEN and not expired
     * @param payeeId the member the operator redeems for: the channel's payee, not SUSPENDED
     * @param index {@code i}, higher than the last redeemed index and at most the chain length
     * @param payword {@code w_i}, 64 lower-case hex characters
     * @return the ChannelChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Redeem(
            final Context ctx, final String channelId, final String payeeId, final String index, final String payword) {
        access.requireOperator(ctx);
        Arguments.id("channelId", channelId);
        Arguments.id("payeeId", payeeId);
        final long to = Arguments.between("index", index, 1, PaywordChain.MAX_LENGTH);
        Arguments.sha256Hex("payword", payword);

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel channel = ChannelRecords.require(stub, channelId);
        if (!channel.payeeId().equals(payeeId)) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "member %s is not the payee of channel %s and cannot redeem it",
                    payeeId,
                    channelId);
        }
        requireOpen(channel);
        if (now >= channel.expiresAt()) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXPIRED,
                    "channel %s expired at %d; the transaction time is %d",
                    channelId,
                    channel.expiresAt(),
                    now);
        }
        if (to > channel.chainLength()) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_BEYOND_CHAIN,
                    "index %d is past the end of channel %s, whose chain has %d paywords",
                    to,
                    channelId,
                    channel.chainLength());
        }
        if (to <= channel.redeemedIndex()) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_REPLAYED,
                    "index %d of channel %s is not past the last redeemed index %d",
                    to,
                    channelId,
                    channel.redeemedIndex());
        }
        requireNotSuspended(MemberRecords.require(stub, payeeId), "payee");
        final long steps = to - channel.redeemedIndex();
        if (!new PaywordHash().reaches(PaywordHash.parse(payword), steps, PaywordHash.parse(channel.lastWord()))) {
            throw LedgerRefusal.of(
                    ErrorCode.PAYWORD_INVALID,
                    "payword %s is not word %d of the chain of channel %s (%d hashes do not reach word %d)",
                    payword,
                    to,
                    channelId,
                    steps,
                    channel.redeemedIndex());
        }
        final long amount = multiply(steps, channel.unit(), channelId);

        Balances.credit(stub, payeeId, amount);
        return record(
                stub,
                channel.redeemedTo(to, payword, amount),
                ChannelAction.REDEEMED,
                payeeId,
                amount,
                channel.redeemedIndex(),
                CHANNEL_REDEEMED);
    }

    /**
     * Closes the channel and refunds the unredeemed deposit to the payer. The payee may close at any time (after its
     * last redeem); the payer only from {@code expiresAt} on.
     *
     * @param ctx the transaction context
     * @param channelId the channel, OPEN
     * @param actorId the member the operator closes for: the payee, or the payer after expiry; not SUSPENDED
     * @return the ChannelChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Close(final Context ctx, final String channelId, final String actorId) {
        access.requireOperator(ctx);
        Arguments.id("channelId", channelId);
        Arguments.id("actorId", actorId);

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel channel = ChannelRecords.require(stub, channelId);
        final boolean payee = channel.payeeId().equals(actorId);
        if (!payee && !channel.payerId().equals(actorId)) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "member %s is neither payer nor payee of channel %s and cannot close it",
                    actorId,
                    channelId);
        }
        requireOpen(channel);
        if (!payee && now < channel.expiresAt()) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_NOT_EXPIRED,
                    "payer %s may close channel %s only from its expiry %d on; the transaction time is %d",
                    actorId,
                    channelId,
                    channel.expiresAt(),
                    now);
        }
        requireNotSuspended(MemberRecords.require(stub, actorId), payee ? "payee" : "payer");

        final long refund = channel.locked();
        if (refund > 0) {
            Balances.credit(stub, channel.payerId(), refund);
        }
        return record(
                stub,
                channel.closed(now, actorId),
                ChannelAction.CLOSED,
                actorId,
                refund,
                channel.redeemedIndex(),
                CHANNEL_CLOSED);
    }

    /**
     * @param ctx the transaction context
     * @param channelId the channel
     * @return the Channel JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetChannel(final Context ctx, final String channelId) {
        Arguments.id("channelId", channelId);
        return LedgerJson.text(ChannelRecords.require(ctx.getStub(), channelId));
    }

    /**
     * Lists what happened to a channel, oldest first.
     *
     * @param ctx the transaction context
     * @param channelId the channel
     * @param pageSize 1..1000
     * @param bookmark "" for the first page, else the bookmark of the previous page
     * @return {@code {"bookmark","items":[ChannelEntry]}}, bookmark "" on the last page
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetChannelHistory(
            final Context ctx, final String channelId, final String pageSize, final String bookmark) {
        Arguments.id("channelId", channelId);
        final int size = Arguments.pageSize(pageSize);
        final ChaincodeStub stub = ctx.getStub();
        final CompositeKey range = LedgerKeys.entriesOf(stub, channelId);
        Arguments.bookmark(bookmark, range.toString());

        ChannelRecords.require(stub, channelId);
        return LedgerJson.text(Pages.read(stub, range, size, bookmark, key -> ChannelRecords.entry(stub, key)));
    }

    private static String record(
            final ChaincodeStub stub,
            final Channel channel,
            final ChannelAction action,
            final String actorId,
            final long amount,
            final long fromIndex,
            final String event) {
        final long now = stub.getTxTimestamp().toEpochMilli();
        final ChannelEntry entry = new ChannelEntry(
                action, actorId, amount, channel.channelId(), fromIndex, now, channel.redeemedIndex(), stub.getTxId());
        ChannelRecords.put(stub, channel);
        stub.putState(
                LedgerKeys.channelEntry(stub, channel.channelId(), channel.redeemedIndex(), action),
                LedgerJson.bytes(entry));
        final ChannelChange change = new ChannelChange(channel, entry);
        stub.setEvent(event, LedgerJson.bytes(change));
        return LedgerJson.text(change);
    }

    private static void requireOpen(final Channel channel) {
        if (channel.status() == ChannelStatus.CLOSED) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_CLOSED,
                    "channel %s was closed at %d by %s",
                    channel.channelId(),
                    channel.closedAt(),
                    channel.closedBy());
        }
    }

    private static void requireNotSuspended(final Member member, final String role) {
        if (member.status() == MemberStatus.SUSPENDED) {
            throw LedgerRefusal.of(
                    ErrorCode.MEMBER_SUSPENDED,
                    "%s %s is SUSPENDED and cannot take part in channels",
                    role,
                    member.memberId());
        }
    }

    private static long multiply(final long a, final long b, final String channelId) {
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
