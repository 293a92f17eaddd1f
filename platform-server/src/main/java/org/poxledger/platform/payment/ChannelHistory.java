package org.poxledger.platform.payment;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.poxledger.contract.model.ChannelAction;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.platform.web.PageOf;
import org.springframework.stereotype.Component;

/**
 * A channel's history as {@link ChannelProjection} projected it from the ledger's channel events, paged like every
 * other list ({@code page}/{@code size}, with a total). The ledger's own {@code channels:GetChannelHistory} pages with
 * bookmarks, which can neither jump to a page nor count; the projection can, and the audit keeps it equal to the
 * ledger.
 *
 * <p>A channel's transactions are ordered without a clock: OPENED first, then each REDEEMED by the index it reached,
 * then CLOSED. A split redeem of a wallet is one graph entry per payee share, and one entry with its shares here, as on
 * the ledger.
 */
@Component
class ChannelHistory {

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    ChannelHistory(Driver driver) {
        this.driver = driver;
    }

    /**
     * @param page 0-based
     * @param size 1..{@link PageOf#MAX_SIZE}
     * @return the channel's entries, oldest first
     */
    PageOf<ChannelEntry> of(String channelId, int page, int size) {
        Record result = driver.executableQuery("""
                        MATCH (e:ChannelEntry {channelId: $channelId})
                        WITH e.txId AS txId, collect(e) AS parts
                        WITH txId, parts, head(parts) AS first
                        ORDER BY coalesce(first.toIndex, 0),
                                 CASE first.action WHEN 'OPENED' THEN 0 WHEN 'REDEEMED' THEN 1 ELSE 2 END,
                                 first.timestamp, txId
                        WITH collect(parts) AS steps
                        RETURN size(steps) AS total, steps[$skip..$skip + $limit] AS items
                        """)
                .withParameters(Map.of("channelId", channelId, "skip", (long) page * size, "limit", (long) size))
                .withConfig(config)
                .execute()
                .records()
                .getFirst();
        return new PageOf<>(
                result.get("items").asList(ChannelHistory::entry),
                page,
                size,
                result.get("total").asLong());
    }

    /** @param parts the graph entries of one transaction: one, or one per payee share of a split redeem */
    private static ChannelEntry entry(Value parts) {
        List<Node> nodes = parts.asList(Value::asNode);
        Node first = nodes.getFirst();
        List<PayeeShare> shares = null;
        long amount = first.get("amount").asLong();
        if (first.get("split").asBoolean(false)) {
            shares = nodes.stream()
                    .sorted(Comparator.comparingLong(
                            node -> node.get("shareIndex").asLong()))
                    .map(node -> new PayeeShare(
                            node.get("amount").asLong(), node.get("payeeId").asString()))
                    .toList();
            amount = shares.stream().mapToLong(PayeeShare::amount).reduce(0, Math::addExact);
        }
        return new ChannelEntry(
                ChannelAction.valueOf(first.get("action").asString()),
                first.get("actorId").asString(null),
                amount,
                first.get("channelId").asString(),
                first.get("fromIndex").asLong(0),
                shares,
                first.get("timestamp").asLong(),
                first.get("toIndex").asLong(0),
                first.get("txId").asString());
    }
}
