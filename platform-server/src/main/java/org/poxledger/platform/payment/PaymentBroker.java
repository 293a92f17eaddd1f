package org.poxledger.platform.payment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelChange;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.PaywordHash;
import org.poxledger.payword.Receipt;
import org.poxledger.platform.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NetPay broker (DESIGN §8, seed 002). It accepts a payment {@code (channelId, index, payword)} after checking
 * {@code H^(index − j)(payword) = w_j} against the highest word it accepted before, held in memory, with no ledger
 * round trip; it forces the new highest word to its journal before answering, many payments per fsync (group commit,
 * {@link PaymentJournal}, which brings the Neo4j book up to date behind it), and answers with a receipt it signs. It settles by
 * redeeming the highest accepted word in one transaction: on demand, when a channel's unredeemed amount reaches the
 * threshold, and before expiry.
 *
 * <p>Crash-safe because the ledger's redeemed index is the truth: a payment is acknowledged only once durable, a
 * redeem that is retried after a crash is refused by the chaincode as replayed (nothing is paid twice), and at start
 * every open channel is reconciled with {@code GetChannel}.
 *
 * <p>Each channel has one owning instance (DESIGN §12: consistent hashing), whose memory holds its latest index: the
 * journal and the book are its durable copies, read back at start.
 *
 * <p>Per channel, acceptance is serialised by the channel's lock (payments on one chain are sequential by nature);
 * different channels proceed in parallel. Settlement holds a separate lock, so payments keep flowing while a redeem
 * is being committed.
 */
public class PaymentBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentBroker.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ThreadLocal<PaywordHash> HASH = ThreadLocal.withInitial(PaywordHash::new);

    private final LedgerClient ledger;
    private final ChannelBook book;
    private final BrokerKey key;
    private final PaymentProperties properties;
    private final Clock clock;
    private final Executor settlements;
    private final ChannelProjection projection;
    private final WalletShares wallets;
    private final SpendingCaps caps;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final PaymentJournal journal;

    PaymentBroker(
            LedgerClient ledger,
            ChannelBook book,
            BrokerKey key,
            PaymentProperties properties,
            Clock clock,
            Executor settlements,
            ChannelProjection projection,
            WalletShares wallets,
            SpendingCaps caps) {
        this.ledger = ledger;
        this.book = book;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
        this.settlements = settlements;
        this.projection = projection;
        this.wallets = wallets;
        this.caps = caps;
        this.journal = new PaymentJournal(properties.journalDir(), book);
    }

    /** One channel in memory: its state, guarded by the slot's monitor, and the lock a settlement holds. */
    private static final class Slot {
        private BrokeredChannel state;
        /** a write of this channel failed or was refused: re-read the book before the next payment */
        private boolean stale;

        private final ReentrantLock settling = new ReentrantLock();

        Slot(BrokeredChannel state) {
            this.state = state;
        }
    }

    /** @return base64 of the broker's X.509 Ed25519 public key, the one receipts verify against */
    public String publishedKey() {
        return key.publishedKey();
    }

    /**
     * Accepts a payment from a party of the channel.
     *
     * @param memberId the logged-in member: the channel's payer, or its payee passing on a word it was given
     * @return the signed receipt
     * @throws Refusal CHANNEL_PARTY_MISMATCH, CHANNEL_CLOSED, CHANNEL_EXPIRED, PAYWORD_BEYOND_CHAIN,
     *     PAYWORD_REPLAYED (a stale or duplicate index), PAYWORD_INVALID, VALIDATION_FAILED
     */
    public Receipt accept(String memberId, PaymentRequest payment) {
        return finish(begin(memberId, payment));
    }

    /** Most payments in one {@link #acceptAll} call. */
    public static final int MAX_BATCH = 1_000;

    /**
     * Accepts payments on several channels in one call (a payee's gateway passing on its customers' paywords), each
     * exactly as {@link #accept} would: its own check, its own place in the journal, its own receipt or refusal. At
     * most one payment per channel: several paywords of one chain in one call would be one payment (the highest
     * implies the others), so such a call is refused whole.
     *
     * @return one outcome per payment, in the order given
     * @throws Refusal VALIDATION_FAILED for an empty or oversized batch, or one naming a channel twice
     */
    public List<PaymentOutcome> acceptAll(String memberId, List<PaymentRequest> payments) {
        if (payments == null || payments.isEmpty() || payments.size() > MAX_BATCH) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "payments",
                    "a batch holds 1 to " + MAX_BATCH + " payments, was " + (payments == null ? 0 : payments.size()));
        }
        if (payments.stream().anyMatch(Objects::isNull)) {
            throw Refusal.of(ErrorCode.VALIDATION_FAILED, "payments", "a batch holds payments; one of them was null");
        }
        if (payments.stream().map(PaymentRequest::channelId).distinct().count() < payments.size()) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "payments",
                    "a batch names each channel once: several paywords of one chain are one payment");
        }
        List<Object> begun = new ArrayList<>(payments.size());
        for (PaymentRequest payment : payments) {
            try {
                begun.add(begin(memberId, payment));
            } catch (Refusal e) {
                begun.add(PaymentOutcome.refused(e.code().name(), e.field(), e.getMessage()));
            } catch (LedgerException e) {
                begun.add(PaymentOutcome.refused(
                        e.code(), ErrorCode.of(e.code()).map(ErrorCode::field).orElse(null), e.getMessage()));
            }
        }
        return begun.stream()
                .map(item -> item instanceof Begun payment
                        ? PaymentOutcome.accepted(finish(payment))
                        : (PaymentOutcome) item)
                .toList();
    }

    /** A payment checked and queued for the journal, its receipt not yet signed. */
    private record Begun(Slot slot, BrokeredChannel accepted, CompletableFuture<Void> durable) {}

    private Begun begin(String memberId, PaymentRequest payment) {
        requireId("channelId", payment.channelId());
        if (payment.index() < 1) {
            throw Refusal.of(ErrorCode.VALIDATION_FAILED, "index", "index must be at least 1, was " + payment.index());
        }
        if (!PaywordHash.isWordText(payment.payword())) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED, "payword", "payword must be 64 lower-case hexadecimal characters");
        }
        Slot slot = slot(payment.channelId());
        long now = clock.millis();
        synchronized (slot) {
            if (slot.stale) {
                slot.state = book.find(slot.state.channelId()).orElse(slot.state);
                slot.stale = false;
            }
            BrokeredChannel channel = slot.state;
            // a wallet payment names its payee (NetPay e-wallet); a direct channel's payee is the channel's
            String payee = channel.wallet() ? wallets.requirePayee(channel, memberId, payment.payeeId()) : null;
            if (payee == null) {
                requireParty(channel, memberId, "pay into");
            }
            requireAcceptable(channel, payment, now);
            caps.requireWithin(channel.channelId(), payment.index());
            BrokeredChannel accepted = channel.accepted(payment.index(), payment.payword(), now);
            if (payee != null) {
                // a wallet's words are split by payee at settlement, so each is booked with its payee at once
                if (!wallets.recordAccepted(channel.channelId(), payment.index(), payment.payword(), now, payee)) {
                    // another instance accepted a newer word meanwhile: take its state and refuse this one as stale
                    slot.state = book.find(channel.channelId()).orElse(channel);
                    throw refusal(
                            ErrorCode.PAYWORD_REPLAYED,
                            "index",
                            "index %d of channel %s is no longer past the accepted index %d",
                            payment.index(),
                            channel.channelId(),
                            slot.state.acceptedIndex());
                }
                slot.state = accepted;
                return new Begun(slot, accepted, CompletableFuture.completedFuture(null));
            }
            slot.state = accepted;
            // queued under the lock: the channel's words reach the journal in the order they were accepted
            return new Begun(slot, accepted, journal.record(accepted));
        }
    }

    private Receipt finish(Begun payment) {
        awaitDurable(payment.slot(), payment.durable());
        BrokeredChannel accepted = payment.accepted();
        if (accepted.unsettled() >= properties.settleThreshold()) {
            settlements.execute(() -> settleIfIdle(accepted.channelId()));
        }
        return key.sign(
                accepted.channelId(),
                accepted.acceptedIndex(),
                accepted.acceptedIndex() * accepted.unit(),
                accepted.acceptedAt());
    }

    /**
     * Waits until the accepted word is forced to the journal: the answer (the receipt) only goes out for a durable
     * payment. On a failed write the slot is marked stale, so the channel's next payment re-reads the book.
     */
    private void awaitDurable(Slot slot, CompletableFuture<Void> durable) {
        try {
            durable.get();
        } catch (ExecutionException e) {
            markStale(slot);
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("recording the payment failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markStale(slot);
            throw new IllegalStateException("interrupted while recording the payment", e);
        }
    }

    private static void markStale(Slot slot) {
        synchronized (slot) {
            slot.stale = true;
        }
    }

    /** @return the channels the member pays or is paid on, as the broker holds them (at most 100) */
    public List<ChannelSummary> channelsOf(String memberId) {
        requireId("memberId", memberId);
        return book.ofMember(memberId, 100).stream()
                .map(stored -> {
                    Slot slot = slots.get(stored.channelId());
                    return ChannelSummary.of(slot == null ? stored : current(slot));
                })
                .toList();
    }

    /** @return the broker's signed receipt for the highest payment it accepted on the channel, if any */
    public Optional<Receipt> latestReceipt(String memberId, String channelId) {
        BrokeredChannel channel = current(slot(channelId));
        requireParty(channel, memberId, "see");
        if (channel.acceptedAt() == 0) {
            return Optional.empty();
        }
        // Ed25519 is deterministic: signing the same acceptance again yields the receipt the payer was given
        return Optional.of(key.sign(
                channel.channelId(),
                channel.acceptedIndex(),
                channel.acceptedIndex() * channel.unit(),
                channel.acceptedAt()));
    }

    /** Forces what is queued to the journal and the book, then frees the journal for the next start. */
    @Override
    public void close() {
        journal.close();
    }

    /**
     * Redeems the highest accepted payword of the channel in one ledger transaction, waiting for a settlement already
     * under way. Nothing is submitted when nothing new was accepted.
     *
     * @return the broker's state after the redeem
     */
    public BrokeredChannel settle(String channelId) {
        Slot slot = slot(channelId);
        slot.settling.lock();
        try {
            return redeem(slot);
        } finally {
            slot.settling.unlock();
        }
    }

    /** Redeems every channel near its expiry that has unredeemed payments. */
    public void settleExpiring() {
        long horizon = clock.millis() + properties.settleBeforeExpiry().toMillis();
        for (String channelId : book.openExpiringBefore(horizon)) {
            Slot slot = slots.get(channelId);
            // the book follows the journal a moment behind: a channel in memory knows its latest accepted word
            BrokeredChannel known = slot == null ? book.find(channelId).orElse(null) : current(slot);
            if (known == null || known.acceptedIndex() <= known.redeemedIndex()) {
                continue;
            }
            try {
                settle(channelId);
            } catch (RuntimeException e) {
                log.warn("channel {} could not be settled before its expiry: {}", channelId, e.getMessage());
            }
        }
    }

    /** Aligns every channel held as OPEN with the ledger, which is the truth (run at start-up). */
    public int reconcileAll() {
        int reconciled = 0;
        for (String channelId : book.open()) {
            book.find(channelId).ifPresent(stored -> {
                BrokeredChannel aligned = book.reconcile(stored.reconciled(ledger.getChannel(channelId)));
                slots.put(channelId, new Slot(aligned));
            });
            reconciled++;
        }
        log.info("reconciled {} open payment channels with the ledger", reconciled);
        return reconciled;
    }

    /**
     * Opens a channel paid by the logged-in member; without a payee, a NetPay wallet spent at any payee.
     *
     * @return the channel as the ledger and the broker now hold it
     */
    public ChannelView open(String payerId, OpenChannelRequest request) {
        requireId("channelId", request.channelId());
        boolean wallet = request.payeeId() == null;
        if (!wallet) {
            requireId("payeeId", request.payeeId());
        }
        if (!PaywordHash.isWordText(request.root())) {
            throw Refusal.of(ErrorCode.VALIDATION_FAILED, "root", "root must be 64 lower-case hexadecimal characters");
        }
        ChannelChange change = wallet
                ? ledger.openWalletChannel(
                                request.channelId(),
                                payerId,
                                request.unit(),
                                request.chainLength(),
                                request.root(),
                                request.expiresAt())
                        .value()
                : ledger.openChannel(
                                request.channelId(),
                                payerId,
                                request.payeeId(),
                                request.unit(),
                                request.chainLength(),
                                request.root(),
                                request.expiresAt())
                        .value();
        project(change);
        BrokeredChannel stored = book.add(BrokeredChannel.of(change.channel()));
        slots.remove(request.channelId());
        log.info(
                "channel {} opened by {} to {}: {} x {} tx={}",
                request.channelId(),
                payerId,
                request.payeeId(),
                request.chainLength(),
                request.unit(),
                change.entry().txId());
        return ChannelView.of(change.channel(), stored);
    }

    /**
     * Closes the channel for the logged-in member: the payee's accepted payments are redeemed first; the payer may
     * close only from expiry on (the ledger refuses earlier with CHANNEL_NOT_EXPIRED).
     */
    public ChannelView close(String memberId, String channelId) {
        Slot slot = slot(channelId);
        BrokeredChannel channel = current(slot);
        requireParty(channel, memberId, "close");
        slot.settling.lock();
        try {
            if (memberId.equals(channel.payeeId())) {
                redeem(slot);
            }
            ChannelChange change = ledger.closeChannel(channelId, memberId).value();
            project(change);
            log.info(
                    "channel {} closed by {}: refunded {} tx={}",
                    channelId,
                    memberId,
                    change.entry().amount(),
                    change.entry().txId());
            return ChannelView.of(change.channel(), align(slot, change.channel()));
        } finally {
            slot.settling.unlock();
        }
    }

    /** @return the channel as the ledger holds it, with what the broker accepted beyond that */
    public ChannelView view(String memberId, String channelId) {
        Slot slot = slot(channelId);
        requireParty(current(slot), memberId, "see");
        return ChannelView.of(ledger.getChannel(channelId), current(slot));
    }

    /**
     * Checks that the member may see the channel (its history, say).
     *
     * @throws Refusal CHANNEL_PARTY_MISMATCH for a member of neither side
     */
    public void requireVisibleTo(String memberId, String channelId) {
        requireParty(current(slot(channelId)), memberId, "see");
    }

    private void settleIfIdle(String channelId) {
        Slot slot = slot(channelId);
        if (!slot.settling.tryLock()) {
            return;
        }
        try {
            redeem(slot);
        } catch (RuntimeException e) {
            log.warn("channel {} reached its threshold but could not be redeemed: {}", channelId, e.getMessage());
        } finally {
            slot.settling.unlock();
        }
    }

    /** Called with the slot's settling lock held. */
    private BrokeredChannel redeem(Slot slot) {
        BrokeredChannel target = current(slot);
        if (target.status() == ChannelStatus.CLOSED || target.acceptedIndex() <= target.redeemedIndex()) {
            return target;
        }
        if (target.wallet()) {
            return redeemWallet(slot, target);
        }
        try {
            ChannelChange change = ledger.redeem(
                            target.channelId(), target.payeeId(), target.acceptedIndex(), target.acceptedWord())
                    .value();
            project(change);
            log.info(
                    "channel {} redeemed {} -> {} for {} tx={}",
                    target.channelId(),
                    change.entry().fromIndex(),
                    change.entry().toIndex(),
                    change.entry().amount(),
                    change.entry().txId());
            return align(slot, change.channel());
        } catch (LedgerException e) {
            return afterRefusal(slot, target.channelId(), target.acceptedIndex(), e);
        }
    }

    /**
     * Settles a NetPay wallet: each batch redeems up to the highest accepted word (or an earlier segment end when
     * more payees are owed than one transaction credits) and splits the amount between the payees on-chain. The split
     * is derived from the ledger's redeemed index and the recorded segments alone, so a batch retried after a crash
     * is the same batch, and the ledger refuses it as replayed.
     */
    private BrokeredChannel redeemWallet(Slot slot, BrokeredChannel target) {
        BrokeredChannel state = target;
        while (state.status() == ChannelStatus.OPEN && state.redeemedIndex() < target.acceptedIndex()) {
            WalletShares.Batch batch = wallets.nextBatch(
                    state.accepted(target.acceptedIndex(), target.acceptedWord(), target.acceptedAt()));
            try {
                ChannelChange change = ledger.redeemSplit(
                                target.channelId(), batch.index(), batch.word(), batch.shares())
                        .value();
                project(change);
                log.info(
                        "wallet {} redeemed {} -> {} for {} split between {} payees tx={}",
                        target.channelId(),
                        change.entry().fromIndex(),
                        change.entry().toIndex(),
                        change.entry().amount(),
                        batch.shares().size(),
                        change.entry().txId());
                state = align(slot, change.channel());
            } catch (LedgerException e) {
                state = afterRefusal(slot, target.channelId(), batch.index(), e);
            }
        }
        return state;
    }

    /**
     * A redeem committed before a crash or by another instance (PAYWORD_REPLAYED), or a channel gone: the ledger
     * decides; the broker takes the ledger's state, and only a replay counts as done.
     */
    private BrokeredChannel afterRefusal(Slot slot, String channelId, long index, LedgerException e) {
        if (ErrorCode.PAYWORD_REPLAYED.is(e.code())
                || ErrorCode.CHANNEL_CLOSED.is(e.code())
                || ErrorCode.CHANNEL_EXPIRED.is(e.code())) {
            BrokeredChannel aligned = align(slot, ledger.getChannel(channelId));
            log.warn(
                    "channel {} redeem to {} refused ({}); the ledger stands at {}",
                    channelId,
                    index,
                    e.code(),
                    aligned.redeemedIndex());
            if (ErrorCode.PAYWORD_REPLAYED.is(e.code())) {
                return aligned;
            }
        }
        throw e;
    }

    /**
     * Runs an action on the channel's state with its payments held back, so the state cannot move meanwhile (a
     * spending certificate is cut from the highest accepted word).
     */
    <T> T withState(String channelId, Function<BrokeredChannel, T> action) {
        Slot slot = slot(channelId);
        synchronized (slot) {
            return action.apply(slot.state);
        }
    }

    /** @return per payee of a wallet the member is party to: accepted and settled amounts */
    List<WalletShares.PayeeAmounts> walletShares(String memberId, String channelId) {
        Slot slot = slot(channelId);
        BrokeredChannel channel = current(slot);
        requireParty(channel, memberId, "see");
        if (!channel.wallet()) {
            throw Refusal.of(
                    ErrorCode.CHANNEL_KIND_MISMATCH,
                    "channelId",
                    "channel " + channelId + " pays one payee; only a wallet has shares");
        }
        return wallets.amounts(channel);
    }

    private void project(ChannelChange change) {
        try {
            projection.project(change);
        } catch (RuntimeException e) {
            // the ledger committed; the chaincode-event listener projects the change later
            log.warn(
                    "channel {} {} committed (tx {}) but not projected yet: {}",
                    change.channel().channelId(),
                    change.entry().action(),
                    change.entry().txId(),
                    e.getMessage());
        }
    }

    private BrokeredChannel align(Slot slot, Channel onLedger) {
        synchronized (slot) {
            slot.state = book.reconcile(slot.state.reconciled(onLedger));
            return slot.state;
        }
    }

    private BrokeredChannel current(Slot slot) {
        synchronized (slot) {
            return slot.state;
        }
    }

    private Slot slot(String channelId) {
        requireId("channelId", channelId);
        return slots.computeIfAbsent(
                channelId,
                id -> new Slot(book.find(id).orElseGet(() -> book.add(BrokeredChannel.of(ledger.getChannel(id))))));
    }

    private void requireAcceptable(BrokeredChannel channel, PaymentRequest payment, long now) {
        if (channel.status() == ChannelStatus.CLOSED) {
            throw refusal(ErrorCode.CHANNEL_CLOSED, "channelId", "channel %s is closed", channel.channelId());
        }
        long lastAcceptable = channel.expiresAt() - properties.acceptMargin().toMillis();
        if (now >= lastAcceptable) {
            throw refusal(
                    ErrorCode.CHANNEL_EXPIRED,
                    "channelId",
                    "channel %s expires at %d and takes no payments from %d on",
                    channel.channelId(),
                    channel.expiresAt(),
                    lastAcceptable);
        }
        if (payment.index() > channel.chainLength()) {
            throw refusal(
                    ErrorCode.PAYWORD_BEYOND_CHAIN,
                    "index",
                    "index %d is past the end of channel %s, whose chain has %d paywords",
                    payment.index(),
                    channel.channelId(),
                    channel.chainLength());
        }
        if (payment.index() <= channel.acceptedIndex()) {
            throw refusal(
                    ErrorCode.PAYWORD_REPLAYED,
                    "index",
                    "index %d of channel %s is not past the accepted index %d",
                    payment.index(),
                    channel.channelId(),
                    channel.acceptedIndex());
        }
        long steps = payment.index() - channel.acceptedIndex();
        if (!HASH.get()
                .reaches(PaywordHash.parse(payment.payword()), steps, PaywordHash.parse(channel.acceptedWord()))) {
            throw refusal(
                    ErrorCode.PAYWORD_INVALID,
                    "payword",
                    "payword is not word %d of the chain of channel %s (%d hashes do not reach word %d)",
                    payment.index(),
                    channel.channelId(),
                    steps,
                    channel.acceptedIndex());
        }
    }

    private void requireParty(BrokeredChannel channel, String memberId, String action) {
        boolean party = memberId.equals(channel.payerId())
                || memberId.equals(channel.payeeId())
                || (channel.wallet() && wallets.isPayee(channel.channelId(), memberId));
        if (!party) {
            throw Refusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "channelId",
                    "member " + memberId + " is not a party of channel " + channel.channelId() + " and cannot " + action
                            + " it");
        }
    }

    private static void requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED, field, field + " must match [A-Za-z0-9_-]{1,64}, was " + value);
        }
    }

    private static Refusal refusal(ErrorCode code, String field, String template, Object... values) {
        return Refusal.of(code, field, String.format(template, values));
    }
}
