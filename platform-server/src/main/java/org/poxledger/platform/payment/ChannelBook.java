package org.poxledger.platform.payment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** @return whether the index was higher than the stored one and is now recorded */
    boolean recordAccepted(String channelId, long index, String word, long at) {
        return !driver.executableQuery("""
                        MATCH (c:PaymentChannel {channelId: $channelId})
                        WHERE c.acceptedIndex < $index AND c.status = 'OPEN'
                        SET c.acceptedIndex = $index, c.acceptedWord = $word, c.acceptedAt = $at,
                            c.acceptedPayments = coalesce(c.acceptedPayments, 0) + 1
                        RETURN c.channelId
                        """)
                .withParameters(Map.of("channelId", channelId, "index", index, "word", word, "at", at))
                .withConfig(config)
                .execute()
                .records()
                .isEmpty();
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

    /** @return OPEN channels with accepted payments not yet redeemed that expire before the given time */
    List<String> unsettledExpiringBefore(long instant) {
        return driver
                .executableQuery("""
                        MATCH (c:PaymentChannel {status: 'OPEN'})
                        WHERE c.acceptedIndex > c.redeemedIndex AND c.expiresAt <= $instant
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
