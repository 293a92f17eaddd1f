package org.poxledger.platform.payment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.contract.ChannelLimits;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.platform.ledger.LedgerClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;

/**
 * Who is owed what on a NetPay wallet (seed 002): each accepted wallet payment names its payee, and the broker keeps
 * the index ranges as {@code (:WalletSegment {channelId, fromIndex, toIndex, toWord, payeeId})}, contiguous and
 * written in the same statement that moves the channel's accepted index, so the two cannot disagree after a crash.
 * Consecutive payments to the same payee extend one segment. A settlement up to index {@code i} from the ledger's
 * redeemed index {@code j} gives each payee its segments clipped to {@code (j, i]}: the ledger's index alone says what
 * is settled, so nothing is paid twice.
 */
@Repository
class WalletShares {

    /** One settlement batch: redeem up to {@code index} with {@code word}, crediting these shares. */
    record Batch(long index, String word, List<PayeeShare> shares) {}

    /**
     * @param payeeId the payee
     * @param accepted minor units accepted for it so far
     * @param settled of which redeemed on the ledger
     */
    record PayeeAmounts(String payeeId, long accepted, long settled) {}

    private final Driver driver;
    private final LedgerClient ledger;
    private final QueryConfig config = QueryConfig.defaultConfig();
    private final Set<String> payable = ConcurrentHashMap.newKeySet();
    private final int maxShares;

    @Autowired
    WalletShares(Driver driver, LedgerClient ledger) {
        this(driver, ledger, ChannelLimits.MAX_SPLIT_SHARES);
    }

    /** @param maxShares most payees one batch credits, at most {@value ChannelLimits#MAX_SPLIT_SHARES} */
    WalletShares(Driver driver, LedgerClient ledger, int maxShares) {
        if (maxShares < 1 || maxShares > ChannelLimits.MAX_SPLIT_SHARES) {
            throw new IllegalArgumentException(
                    "maxShares must be 1.." + ChannelLimits.MAX_SPLIT_SHARES + ", was " + maxShares);
        }
        this.driver = driver;
        this.ledger = ledger;
        this.maxShares = maxShares;
    }

    /**
     * The payee a wallet payment names: a member that is not the payer and not suspended, looked up on the ledger
     * once per process (a settlement naming an unknown member would be refused whole).
     *
     * @param channel the wallet
     * @param memberId the logged-in member: the payer, or the payee handing in a payment it took
     * @param payeeId the payee the payment names
     * @return the payee
     */
    String requirePayee(BrokeredChannel channel, String memberId, String payeeId) {
        if (payeeId == null || payeeId.isBlank()) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "payeeId",
                    "channel " + channel.channelId() + " is a wallet: a payment must name its payeeId");
        }
        if (payeeId.equals(channel.payerId())) {
            throw Refusal.of(
                    ErrorCode.SPLIT_INVALID,
                    "payeeId",
                    "payer " + payeeId + " cannot be a payee of its own wallet " + channel.channelId());
        }
        if (!memberId.equals(channel.payerId()) && !memberId.equals(payeeId)) {
            throw Refusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "channelId",
                    "member " + memberId + " is neither the payer of wallet " + channel.channelId() + " nor the payee "
                            + payeeId);
        }
        if (!payable.contains(payeeId)) {
            MemberStatus status = ledger.findMember(payeeId)
                    .orElseThrow(() ->
                            Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "payeeId", "payee " + payeeId + " is not a member"))
                    .status();
            if (status == MemberStatus.SUSPENDED) {
                throw Refusal.of(ErrorCode.MEMBER_SUSPENDED, "payeeId", "payee " + payeeId + " is SUSPENDED");
            }
            payable.add(payeeId);
        }
        return payeeId;
    }

    /**
     * Records an accepted wallet payment: the channel's accepted index and word, and the payee's segment, in one
     * statement guarded like {@link ChannelBook#recordAccepted}.
     *
     * @return whether the index was higher than the stored one and is now recorded
     */
    boolean recordAccepted(String channelId, long index, String word, long at, String payeeId) {
        return !driver.executableQuery("""
                        MATCH (c:PaymentChannel {channelId: $channelId})
                        WHERE c.acceptedIndex < $index AND c.status = 'OPEN'
                        WITH c, c.acceptedIndex AS previous
                        SET c.acceptedIndex = $index, c.acceptedWord = $word, c.acceptedAt = $at,
                            c.acceptedPayments = coalesce(c.acceptedPayments, 0) + 1
                        WITH c, previous
                        OPTIONAL MATCH (last:WalletSegment {channelId: $channelId, toIndex: previous})
                        WITH c, previous, last, last IS NOT NULL AND last.payeeId = $payeeId AS extend
                        FOREACH (_ IN CASE WHEN extend THEN [1] ELSE [] END |
                            SET last.toIndex = $index, last.toWord = $word)
                        FOREACH (_ IN CASE WHEN extend THEN [] ELSE [1] END |
                            CREATE (:WalletSegment {channelId: $channelId, fromIndex: previous, toIndex: $index,
                                                    toWord: $word, payeeId: $payeeId}))
                        RETURN c.channelId
                        """)
                .withParameters(
                        Map.of("channelId", channelId, "index", index, "word", word, "at", at, "payeeId", payeeId))
                .withConfig(config)
                .execute()
                .records()
                .isEmpty();
    }

    /**
     * The next settlement batch of a wallet: from the ledger's redeemed index {@code j} up to {@code target} (with its
     * word), or to an earlier segment end when more payees are owed than one batch credits.
     *
     * @param channel the broker's state: its redeemed index, accepted index and word, unit
     * @return the batch; its shares add up to {@code (index − j) × unit}
     */
    Batch nextBatch(BrokeredChannel channel) {
        long from = channel.redeemedIndex();
        long target = channel.acceptedIndex();
        Map<String, Long> owed = new LinkedHashMap<>();
        long end = from;
        String endWord = null;
        for (Segment segment : segmentsAfter(channel.channelId(), from)) {
            if (segment.fromIndex() >= target) {
                break;
            }
            if (!owed.containsKey(segment.payeeId()) && owed.size() == maxShares) {
                break;
            }
            long clippedTo = Math.min(segment.toIndex(), target);
            long units = clippedTo - Math.max(segment.fromIndex(), from);
            owed.merge(segment.payeeId(), Math.multiplyExact(units, channel.unit()), Math::addExact);
            end = clippedTo;
            endWord = clippedTo == target ? channel.acceptedWord() : segment.toWord();
        }
        long expected = Math.multiplyExact(end - from, channel.unit());
        long sum = owed.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
        if (end == from || sum != expected) {
            throw new IllegalStateException("wallet " + channel.channelId() + " has no contiguous segments from " + from
                    + " to " + target + " (covered to " + end + ", shares " + sum + " of " + expected + ")");
        }
        List<PayeeShare> shares = new ArrayList<>();
        owed.forEach((payee, amount) -> shares.add(new PayeeShare(amount, payee)));
        return new Batch(end, endWord, shares);
    }

    /**
     * @param channel the broker's state of the wallet
     * @return per payee: accepted so far, and how much of it the ledger's redeemed index covers
     */
    List<PayeeAmounts> amounts(BrokeredChannel channel) {
        Map<String, long[]> totals = new HashMap<>();
        for (Segment segment : segmentsAfter(channel.channelId(), 0)) {
            long[] sums = totals.computeIfAbsent(segment.payeeId(), id -> new long[2]);
            sums[0] += (segment.toIndex() - segment.fromIndex()) * channel.unit();
            long settledTo = Math.min(segment.toIndex(), channel.redeemedIndex());
            sums[1] += Math.max(0, settledTo - segment.fromIndex()) * channel.unit();
        }
        return totals.entrySet().stream()
                .map(e -> new PayeeAmounts(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted((a, b) -> a.payeeId().compareTo(b.payeeId()))
                .toList();
    }

    /** @return whether the member has a segment on the wallet */
    boolean isPayee(String channelId, String memberId) {
        return !driver.executableQuery("""
                        MATCH (s:WalletSegment {channelId: $channelId, payeeId: $memberId})
                        RETURN s.toIndex LIMIT 1
                        """)
                .withParameters(Map.of("channelId", channelId, "memberId", memberId))
                .withConfig(config)
                .execute()
                .records()
                .isEmpty();
    }

    private record Segment(long fromIndex, long toIndex, String toWord, String payeeId) {}

    private List<Segment> segmentsAfter(String channelId, long index) {
        return driver
                .executableQuery("""
                        MATCH (s:WalletSegment {channelId: $channelId})
                        WHERE s.toIndex > $index
                        RETURN s.fromIndex AS fromIndex, s.toIndex AS toIndex, s.toWord AS toWord,
                               s.payeeId AS payeeId
                        ORDER BY s.fromIndex
                        """)
                .withParameters(Map.of("channelId", channelId, "index", index))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(r -> new Segment(
                        r.get("fromIndex").asLong(),
                        r.get("toIndex").asLong(),
                        r.get("toWord").asString(),
                        r.get("payeeId").asString()))
                .toList();
    }
}
