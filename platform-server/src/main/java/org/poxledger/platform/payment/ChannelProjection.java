package org.poxledger.platform.payment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelChange;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects the money that channels move into the graph, so wallet balances keep matching the ledger's (the audit
 * compares them): one {@code (:ChannelEntry {entryId})} per channel transaction (OPENED locks the deposit from the
 * payer, REDEEMED pays the payee, CLOSED refunds the payer), then both parties' wallets are recomputed. The entries
 * also carry the indexes and actor, so {@link ChannelHistory} pages through a channel's history from the graph.
 * Idempotent: entries are MERGEd by channel and transaction.
 */
@Component
public class ChannelProjection {

    public static final Set<String> EVENTS = Set.of("ChannelOpened", "ChannelRedeemed", "ChannelClosed");

    private static final Logger log = LoggerFactory.getLogger(ChannelProjection.class);

    private final Driver driver;
    private final WalletProjection wallets;
    private final QueryConfig config = QueryConfig.defaultConfig();

    public ChannelProjection(Driver driver, WalletProjection wallets) {
        this.driver = driver;
        this.wallets = wallets;
    }

    /** @return whether the event is a channel event */
    public static boolean handles(String eventName) {
        return EVENTS.contains(eventName);
    }

    /** Applies a channel event. */
    public void apply(LedgerEvent event) {
        project(LedgerPayloads.read(event.payload(), ChannelChange.class));
    }

    /**
     * Records one channel transaction and refreshes the wallets it touched. A split redeem of a NetPay wallet becomes
     * one REDEEMED entry per payee share ({@code split: true}, same transaction), so every payee's wallet counts its
     * own share exactly as a direct channel's payee counts its redeem.
     */
    public void project(ChannelChange change) {
        Channel channel = change.channel();
        ChannelEntry entry = change.entry();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> members = new LinkedHashSet<>();
        members.add(channel.payerId());
        if (entry.shares() == null) {
            rows.add(row(channel, entry, channel.payeeId(), entry.amount(), channel.channelId() + ":" + entry.txId()));
            if (channel.payeeId() != null) {
                members.add(channel.payeeId());
            }
        } else {
            for (int i = 0; i < entry.shares().size(); i++) {
                PayeeShare share = entry.shares().get(i);
                Map<String, Object> row = row(
                        channel,
                        entry,
                        share.payeeId(),
                        share.amount(),
                        channel.channelId() + ":" + entry.txId() + ":" + share.payeeId());
                row.put("split", true);
                row.put("shareIndex", i);
                rows.add(row);
                members.add(share.payeeId());
            }
        }
        driver.executableQuery("""
                        UNWIND $rows AS row
                        MERGE (e:ChannelEntry {entryId: row.entryId})
                        ON CREATE SET e += row
                        """)
                .withParameters(Map.of("rows", rows))
                .withConfig(config)
                .execute();
        wallets.recomputeBalances(List.copyOf(members));
        log.debug("projected channel {} {} tx={}", channel.channelId(), entry.action(), entry.txId());
    }

    private static Map<String, Object> row(
            Channel channel, ChannelEntry entry, String payeeId, long amount, String entryId) {
        Map<String, Object> row = new HashMap<>();
        row.put("entryId", entryId);
        row.put("channelId", channel.channelId());
        row.put("txId", entry.txId());
        row.put("action", entry.action().name());
        row.put("amount", amount);
        row.put("payerId", channel.payerId());
        row.put("payeeId", payeeId);
        row.put("timestamp", entry.timestamp());
        // what the channel's history page shows besides the money (ChannelHistory)
        row.put("actorId", entry.actorId());
        row.put("fromIndex", entry.fromIndex());
        row.put("toIndex", entry.toIndex());
        return row;
    }
}
