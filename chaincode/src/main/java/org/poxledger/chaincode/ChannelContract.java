package org.poxledger.chaincode;

import java.time.LocalDate;
import java.util.List;
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
import org.poxledger.contract.model.ChannelKind;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.contract.model.SpendingLimit;
import org.poxledger.contract.model.SpendingLimitChange;
import org.poxledger.payword.PaywordChain;

/**
 * PayWord micropayment channels (DESIGN §8, seeds 002–003): a payer locks {@code n × unit} and commits to {@code w_0 =
 * H^n(seed)}; payments happen off-chain through the broker; the payee redeems the highest payword in one transaction
 * for any number of payments; closing refunds what was not redeemed. A WALLET channel (NetPay's e-wallet) is spent at
 * several payees and each redeem splits its amount between them; a Mini-Pay spending limit caps how far a channel can
 * be redeemed ({@code docs/netpay-wallet-and-minipay.md}).
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
    static final String CHANNEL_CERTIFIED = "ChannelCertified";

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
        Arguments.id("payeeId", payeeId);
        return open(ctx, channelId, payerId, payeeId, unit, chainLength, root, expiresAt);
    }

    /**
     * Opens a NetPay e-wallet (seed 002): a channel with no payee of its own, whose chain the payer spends at any
     * number of payees through the broker; each redeem ({@link #RedeemSplit}) splits what it pays between them.
     * Idempotent like {@link #OpenChannel}.
     *
     * @param ctx the transaction context
     * @param channelId client-chosen id, {@code [A-Za-z0-9_-]{1,64}}
     * @param payerId the payer, not SUSPENDED, with at least {@code unit × chainLength}
     * @param unit positive minor units per payword
     * @param chainLength {@code n}, 1..1000000
     * @param root {@code w_0 = H^n(seed)}, 64 lower-case hex characters
     * @param expiresAt epoch milliseconds, after the transaction time
     * @return the ChannelChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String OpenWalletChannel(
            final Context ctx,
            final String channelId,
            final String payerId,
            final String unit,
            final String chainLength,
            final String root,
            final String expiresAt) {
        access.requireOperator(ctx);
        return open(ctx, channelId, payerId, null, unit, chainLength, root, expiresAt);
    }

    /**
     * Pays the payee for every payment up to {@code index} in one transaction: {@code H^(index − j)(payword)} must be
     * the last redeemed word {@code w_j} (the root at first), and {@code (index − j) × unit} is credited.
     *
     * @param ctx the transaction context
     * @param channelId the channel, DIRECT, OPEN and not expired
     * @param payeeId the member the operator redeems for: the channel's payee, not SUSPENDED
     * @param index {@code i}, higher than the last redeemed index, at most the chain length and the spending cap
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
        ChannelRules.requireKind(channel, ChannelKind.DIRECT, "Redeem");
        if (!channel.payeeId().equals(payeeId)) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "member %s is not the payee of channel %s and cannot redeem it",
                    payeeId,
                    channelId);
        }
        ChannelRules.requireOpen(channel);
        ChannelRules.requireUnexpired(channel, now);
        ChannelRules.requireRedeemableIndex(channel, to);
        ChannelRules.requireNotSuspended(MemberRecords.require(stub, payeeId), "payee");
        ChannelRules.requireChainReaches(channel, to, payword);
        final long amount = ChannelRules.multiply(to - channel.redeemedIndex(), channel.unit(), channelId);

        Balances.credit(stub, payeeId, amount);
        return record(
                stub,
                channel.redeemedTo(to, payword, amount),
                ChannelAction.REDEEMED,
                payeeId,
                amount,
                channel.redeemedIndex(),
                null,
                CHANNEL_REDEEMED);
    }

    /**
     * Settles a batch of an e-wallet in one transaction: checks {@code H^(index − j)(payword) = w_j} like
     * {@link #Redeem}, and credits each payee its share; the shares must add up to {@code (index − j) × unit}. The
     * history entry and the {@code ChannelRedeemed} event carry the split.
     *
     * @param ctx the transaction context
     * @param channelId the channel, WALLET, OPEN and not expired
     * @param index {@code i}, higher than the last redeemed index, at most the chain length and the spending cap
     * @param payword {@code w_i}, 64 lower-case hex characters
     * @param sharesJson {@code {"shares":[{"amount","payeeId"}]}}: 1..500 members, not SUSPENDED, not the payer,
     *     each once, amounts positive
     * @return the ChannelChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RedeemSplit(
            final Context ctx,
            final String channelId,
            final String index,
            final String payword,
            final String sharesJson) {
        access.requireOperator(ctx);
        Arguments.id("channelId", channelId);
        final long to = Arguments.between("index", index, 1, PaywordChain.MAX_LENGTH);
        Arguments.sha256Hex("payword", payword);
        final List<PayeeShare> shares = SplitReader.parse(sharesJson);

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel channel = ChannelRecords.require(stub, channelId);
        ChannelRules.requireKind(channel, ChannelKind.WALLET, "RedeemSplit");
        ChannelRules.requireOpen(channel);
        ChannelRules.requireUnexpired(channel, now);
        ChannelRules.requireRedeemableIndex(channel, to);
        final long amount = ChannelRules.multiply(to - channel.redeemedIndex(), channel.unit(), channelId);
        SplitReader.requireSplits(shares, channel.payerId(), amount, channelId);
        for (final PayeeShare share : shares) {
            ChannelRules.requireNotSuspended(MemberRecords.require(stub, share.payeeId()), "payee");
        }
        ChannelRules.requireChainReaches(channel, to, payword);

        // shares name distinct payees, so each gets one blind credit key of this transaction
        shares.forEach(share -> Balances.credit(stub, share.payeeId(), share.amount()));
        return record(
                stub,
                channel.redeemedTo(to, payword, amount),
                ChannelAction.REDEEMED,
                null,
                amount,
                channel.redeemedIndex(),
                shares,
                CHANNEL_REDEEMED);
    }

    /**
     * Registers a Mini-Pay daily spending limit (seed 003) that the broker certifies to the payer's payees: on
     * {@code day} the payer may spend {@code limit} past {@code fromIndex}, which payees accept offline. From then on
     * a redeem may reach index {@code cap = max(previous cap, fromIndex + limit / unit)} and no further
     * (SPENDING_LIMIT_EXCEEDED). Repeating it for the same day with the same terms changes nothing.
     *
     * @param ctx the transaction context
     * @param channelId the channel, OPEN, not expired, expiring no earlier than the day after {@code day} ends (so
     *     payees that accepted offline have a day to redeem)
     * @param day {@code YYYY-MM-DD}: the transaction's UTC day or the next; after the channel's last certified day
     * @param fromIndex the index the day's spending starts after: from the last redeemed index to the chain length
     * @param limit minor units, at least one unit
     * @return the SpendingLimitChange JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CertifySpending(
            final Context ctx, final String channelId, final String day, final String fromIndex, final String limit) {
        access.requireOperator(ctx);
        Arguments.id("channelId", channelId);
        final LocalDate date = Arguments.day("day", day);
        final long from = Arguments.between("fromIndex", fromIndex, 0, PaywordChain.MAX_LENGTH);
        final long amount = Arguments.amount("limit", limit);

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel channel = ChannelRecords.require(stub, channelId);
        ChannelRules.requireOpen(channel);
        ChannelRules.requireUnexpired(channel, now);
        final SpendingLimit existing = SpendingLimits.find(stub, channelId, day).orElse(null);
        if (existing != null) {
            if (existing.sameTerms(from, amount)) {
                return LedgerJson.text(new SpendingLimitChange(channel, existing));
            }
            throw LedgerRefusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_CONFLICT,
                    "channel %s already has a spending limit for %s: %d past index %d",
                    channelId,
                    day,
                    existing.limit(),
                    existing.fromIndex());
        }
        SpendingLimits.requireValid(channel, date, from, amount, now);
        ChannelRules.requireNotSuspended(MemberRecords.require(stub, channel.payerId()), "payer");

        final long cap = SpendingLimits.capAfter(channel, from, amount);
        final SpendingLimit registered = new SpendingLimit(cap, now, channelId, day, from, amount, stub.getTxId());
        final Channel certified = channel.certified(day, cap);
        SpendingLimits.put(stub, registered);
        ChannelRecords.put(stub, certified);
        final SpendingLimitChange change = new SpendingLimitChange(certified, registered);
        stub.setEvent(CHANNEL_CERTIFIED, LedgerJson.bytes(change));
        return LedgerJson.text(change);
    }

    /**
     * Closes the channel and refunds the unredeemed deposit to the payer. The payee of a DIRECT channel may close at
     * any time (after its last redeem); the payer only from {@code expiresAt} on. A WALLET channel has no payee of its
     * own: only its payer closes it, from {@code expiresAt} on, so no payee (nor a Mini-Pay limit) is cut short.
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
        final boolean payee = actorId.equals(channel.payeeId());
        if (!payee && !channel.payerId().equals(actorId)) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "member %s is neither payer nor payee of channel %s and cannot close it",
                    actorId,
                    channelId);
        }
        ChannelRules.requireOpen(channel);
        if (!payee && now < channel.expiresAt()) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_NOT_EXPIRED,
                    "payer %s may close channel %s only from its expiry %d on; the transaction time is %d",
                    actorId,
                    channelId,
                    channel.expiresAt(),
                    now);
        }
        ChannelRules.requireNotSuspended(MemberRecords.require(stub, actorId), payee ? "payee" : "payer");

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
                null,
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

    private String open(
            final Context ctx,
            final String channelId,
            final String payerId,
            final String payeeId,
            final String unit,
            final String chainLength,
            final String root,
            final String expiresAt) {
        Arguments.id("channelId", channelId);
        Arguments.id("payerId", payerId);
        final long units = Arguments.amount("unit", unit);
        final long length = Arguments.between("chainLength", chainLength, 1, PaywordChain.MAX_LENGTH);
        Arguments.sha256Hex("root", root);
        final long expiry = Arguments.between("expiresAt", expiresAt, 0, Long.MAX_VALUE);
        if (payerId.equals(payeeId)) {
            throw LedgerRefusal.of(ErrorCode.SELF_TRANSFER, "member %s cannot open a channel to itself", payerId);
        }
        final ChannelKind kind = payeeId == null ? ChannelKind.WALLET : ChannelKind.DIRECT;

        final ChaincodeStub stub = ctx.getStub();
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Channel existing = ChannelRecords.find(stub, channelId).orElse(null);
        if (existing != null) {
            if (existing.kind() == kind && existing.sameTerms(payerId, payeeId, units, length, root, expiry)) {
                return LedgerJson.text(new ChannelChange(existing, ChannelRecords.opening(stub, channelId)));
            }
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXISTS,
                    "channel %s already exists with other terms (%s, %d × %d from %s to %s)",
                    channelId,
                    existing.kind(),
                    existing.chainLength(),
                    existing.unit(),
                    existing.payerId(),
                    existing.payeeId() == null ? "its wallet's payees" : existing.payeeId());
        }
        if (expiry <= now) {
            throw LedgerRefusal.of(
                    ErrorCode.CHANNEL_EXPIRED,
                    "channel %s would expire at expiresAt %d, not after the transaction time %d",
                    channelId,
                    expiry,
                    now);
        }
        ChannelRules.requireNotSuspended(MemberRecords.require(stub, payerId), "payer");
        if (payeeId != null) {
            ChannelRules.requireNotSuspended(MemberRecords.require(stub, payeeId), "payee");
        }
        final long deposit = ChannelRules.multiply(units, length, channelId);

        Balances.debit(stub, payerId, deposit);
        final Channel channel = new Channel(
                null,
                length,
                channelId,
                null,
                null,
                deposit,
                expiry,
                kind,
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
                null,
                ChannelStatus.OPEN,
                units);
        return record(stub, channel, ChannelAction.OPENED, payerId, deposit, 0, null, CHANNEL_OPENED);
    }

    private static String record(
            final ChaincodeStub stub,
            final Channel channel,
            final ChannelAction action,
            final String actorId,
            final long amount,
            final long fromIndex,
            final List<PayeeShare> shares,
            final String event) {
        final long now = stub.getTxTimestamp().toEpochMilli();
        final ChannelEntry entry = new ChannelEntry(
                action,
                actorId,
                amount,
                channel.channelId(),
                fromIndex,
                shares,
                now,
                channel.redeemedIndex(),
                stub.getTxId());
        ChannelRecords.put(stub, channel);
        stub.putState(
                LedgerKeys.channelEntry(stub, channel.channelId(), channel.redeemedIndex(), action),
                LedgerJson.bytes(entry));
        final ChannelChange change = new ChannelChange(channel, entry);
        stub.setEvent(event, LedgerJson.bytes(change));
        return LedgerJson.text(change);
    }
}
