package org.poxledger.platform.payment;

import java.util.List;
import org.poxledger.chaincode.model.Channel;
import org.poxledger.chaincode.model.ChannelChange;
import org.poxledger.chaincode.model.ChannelEntry;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.springframework.stereotype.Component;

/** The {@code channels} contract of docs/ledger-wire.md, typed with the chaincode's own records. */
@Component
public class ChannelLedger {

    private final LedgerConnection ledger;

    public ChannelLedger(LedgerConnection ledger) {
        this.ledger = ledger;
    }

    ChannelChange open(
            String channelId,
            String payerId,
            String payeeId,
            long unit,
            long chainLength,
            String root,
            long expiresAt) {
        return LedgerPayloads.read(
                ledger.submit(
                                "channels:OpenChannel",
                                channelId,
                                payerId,
                                payeeId,
                                Long.toString(unit),
                                Long.toString(chainLength),
                                root,
                                Long.toString(expiresAt))
                        .payload(),
                ChannelChange.class);
    }

    ChannelChange redeem(String channelId, String payeeId, long index, String payword) {
        return LedgerPayloads.read(
                ledger.submit("channels:Redeem", channelId, payeeId, Long.toString(index), payword)
                        .payload(),
                ChannelChange.class);
    }

    ChannelChange close(String channelId, String actorId) {
        return LedgerPayloads.read(
                ledger.submit("channels:Close", channelId, actorId).payload(), ChannelChange.class);
    }

    /** @throws org.poxledger.ledger.LedgerException CHANNEL_NOT_FOUND */
    public Channel get(String channelId) {
        return LedgerPayloads.read(ledger.evaluate("channels:GetChannel", channelId), Channel.class);
    }

    /** @return one page of the channel's history, oldest first */
    HistoryPage history(String channelId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                ledger.evaluate("channels:GetChannelHistory", channelId, Integer.toString(pageSize), bookmark),
                HistoryPage.class);
    }

    /**
     * @param bookmark where the next page starts; "" when there is none
     * @param items the entries
     */
    record HistoryPage(String bookmark, List<ChannelEntry> items) {}
}
