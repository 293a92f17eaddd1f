package org.poxledger.platform.payment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelChange;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects the money that channels move into the graph, so wallet balances keep matching the ledger's (the audit
 * compares them): one {@code (:ChannelEntry {entryId})} per channel transaction (OPENED locks the deposit from the
 * payer, REDEEMED pays the payee, CLOSED refunds the payer), then both parties' wallets are recomputed. Idempotent:
 * entries are MERGEd by channel and transaction.
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

    /** Records one channel transaction and refreshes both parties' wallets. */
    public void project(ChannelChange change) {
        Channel channel = change.channel();
        Map<String, Object> row = new HashMap<>();
        row.put("entryId", channel.channelId() + ":" + change.entry().txId());
        row.put("channelId", channel.channelId());
        row.put("txId", change.entry().txId());
        row.put("action", change.entry().action().name());
        row.put("amount", change.entry().amount());
        row.put("payerId", channel.payerId());
        row.put("payeeId", channel.payeeId());
        row.put("timestamp", change.entry().timestamp());
        driver.executableQuery("""
                        MERGE (e:ChannelEntry {entryId: $row.entryId})
                        ON CREATE SET e += $row
                        """)
                .withParameters(Map.of("row", row))
                .withConfig(config)
                .execute();
        wallets.recomputeBalances(List.of(channel.payerId(), channel.payeeId()));
        log.debug(
                "projected channel {} {} tx={}",
                channel.channelId(),
                change.entry().action(),
                change.entry().txId());
    }
}
