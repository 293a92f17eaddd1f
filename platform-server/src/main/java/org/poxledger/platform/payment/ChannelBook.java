package org.poxledger.platform.payment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.poxledger.contract.model.ChannelStatus;
import org.springframework.stereotype.Repository;

/**
 * {@code (:PaymentChannel {channelId})}: the broker's durable per-channel state. Every write is guarded so that it
 * only moves forward (a higher accepted index, a higher redeemed index), so two instances or a replayed write can
 * never take a channel back.
 */
@Repository
class ChannelBook {

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    ChannelBook(Driver driver) {
        this.driver = driver;
    }

    Optional<BrokeredChannel> find(String channelId) {
        return driver
                .executableQuery("MATCH (c:PaymentChannel {channelId: $channelId}) RETURN c")
                .withParameters(Map.of("channelId", channelId))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(ChannelBook::channel);
    }

    /** Adds the channel unless it is known; returns what is stored. */
    BrokeredChannel add(BrokeredChannel channel) {
        return channel(driver.executableQuery("""
                        MERGE (c:PaymentChannel {channelId: $row.channelId})
                        ON CREATE SET c += $row
                        RETURN c
                        """)
                .withParameters(Map.of("row", row(channel)))
                .withConfig(config)
                .execute()
                .records()
                .getFirst());
    }

    /**
     * The highest word of one channel in a batch of accepted payments.
     *
     * @param channelId the channel
     * @param index the accepted index
     * @param word {@code w_index}
     * @param at when it was accepted, epoch milliseconds
     * @param payments how many accepted payments it stands for
     */
    record AcceptedWord(String channelId, long index, String word, long at, long payments) {

        /** @return the higher of the two words, standing for the payments of both */
        AcceptedWord merge(AcceptedWord other) {
            AcceptedWord higher = other.index > index ? other : this;
            return new AcceptedWord(
                    channelId, higher.index, higher.word, higher.at, Math.addExact(payments, other.payments));
        }

        Map<String, Object> row() {
            return Map.of("channelId", channelId, "index", index, "word", word, "at", at, "payments", payments);
        }
    }

    /**
     * Records many channels' new highest words in one transaction (group commit).
     *
     * @return the channels whose word was higher than the stored one and is now recorded; a channel missing from it
     *     was taken further meanwhile (by another instance) or is closed
     */
    Set<String> recordAccepted(List<AcceptedWord> words) {
        List<Map<String, Object>> rows = words.stream().map(AcceptedWord::row).toList();
        return driver
                .executableQuery("""
                        UNWIND $rows AS row
                        MATCH (c:PaymentChannel {channelId: row.channelId})
                        WHERE c.acceptedIndex < row.index AND c.status = 'OPEN'
                        SET c.acceptedIndex = row.index, c.acceptedWord = row.word, c.acceptedAt = row.at,
                            c.acceptedPayments = coalesce(c.acceptedPayments, 0) + row.payments
                        RETURN c.channelId AS channelId
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(r -> r.get("channelId").asString())
                .collect(Collectors.toSet());
    }

    /** @return the channels the member pays or is paid on, newest expiry first */
    List<BrokeredChannel> ofMember(String memberId, int limit) {
        return driver
                .executableQuery("""
                        MATCH (c:PaymentChannel) WHERE c.payerId = $memberId OR c.payeeId = $memberId
                        RETURN c ORDER BY c.expiresAt DESC, c.channelId LIMIT $limit
                        """)
                .withParameters(Map.of("memberId", memberId, "limit", limit))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(ChannelBook::channel)
                .toList();
    }

    /** Stores the ledger's view (redeemed index, status, a newer last word); never moves anything back. */
    BrokeredChannel reconcile(BrokeredChannel channel) {
        return channel(driver.executableQuery("""
                        MATCH (c:PaymentChannel {channelId: $row.channelId})
                        WITH c, $row.acceptedIndex > c.acceptedIndex AS ahead
                        SET c.redeemedIndex = CASE WHEN $row.redeemedIndex > c.redeemedIndex
                                THEN $row.redeemedIndex ELSE c.redeemedIndex END,
                            c.status = CASE WHEN c.status = 'CLOSED' THEN 'CLOSED' ELSE $row.status END,
                            c.acceptedWord = CASE WHEN ahead THEN $row.acceptedWord ELSE c.acceptedWord END,
                            c.acceptedIndex = CASE WHEN ahead THEN $row.acceptedIndex ELSE c.acceptedIndex END
                        RETURN c
                        """)
                .withParameters(Map.of("row", row(channel)))
                .withConfig(config)
                .execute()
                .records()
                .getFirst());
    }

    /**
     * @return OPEN channels that expire before the given time; whether they have payments to redeem is the broker's
     *     to say, since this book's accepted index lags the journal
     */
    List<String> openExpiringBefore(long instant) {
        return driver
                .executableQuery("""
                        MATCH (c:PaymentChannel {status: 'OPEN'})
                        WHERE c.expiresAt <= $instant
                        RETURN c.channelId AS channelId ORDER BY c.expiresAt
                        """)
                .withParameters(Map.of("instant", instant))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(r -> r.get("channelId").asString())
                .toList();
    }

    /** @return every channel the broker holds as OPEN */
    List<String> open() {
        return driver
                .executableQuery("MATCH (c:PaymentChannel {status: 'OPEN'}) RETURN c.channelId AS channelId")
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .map(r -> r.get("channelId").asString())
                .toList();
    }

    private static Map<String, Object> row(BrokeredChannel channel) {
        Map<String, Object> row = new HashMap<>();
        row.put("channelId", channel.channelId());
        row.put("payerId", channel.payerId());
        row.put("payeeId", channel.payeeId());
        row.put("unit", channel.unit());
        row.put("chainLength", channel.chainLength());
        row.put("expiresAt", channel.expiresAt());
        row.put("acceptedIndex", channel.acceptedIndex());
        row.put("acceptedWord", channel.acceptedWord());
        row.put("acceptedAt", channel.acceptedAt());
        row.put("redeemedIndex", channel.redeemedIndex());
        row.put("status", channel.status().name());
        return row;
    }

    private static BrokeredChannel channel(Record record) {
        var c = record.get("c").asNode();
        return new BrokeredChannel(
                c.get("channelId").asString(),
                c.get("payerId").asString(),
                c.get("payeeId").isNull() ? null : c.get("payeeId").asString(),
                c.get("unit").asLong(),
                c.get("chainLength").asLong(),
                c.get("expiresAt").asLong(),
                c.get("acceptedIndex").asLong(),
                c.get("acceptedWord").asString(),
                c.get("acceptedAt").asLong(),
                c.get("redeemedIndex").asLong(),
                ChannelStatus.valueOf(c.get("status").asString()));
    }
}
