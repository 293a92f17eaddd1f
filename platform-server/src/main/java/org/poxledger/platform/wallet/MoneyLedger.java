package org.poxledger.platform.wallet;

import java.util.List;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code money} contract of docs/ledger-wire.md, typed. */
@Component
public class MoneyLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LedgerConnection ledger;

    public MoneyLedger(LedgerConnection ledger) {
        this.ledger = ledger;
    }

    /** @return the member's balance in minor units */
    public long balance(String memberId) {
        return LedgerPayloads.read(ledger.evaluate("money:GetBalance", memberId), BalanceJson.class)
                .balance();
    }

    /** @return minted minor units over all time */
    public long totalSupply() {
        return LedgerPayloads.read(ledger.evaluate("money:GetTotalSupply"), SupplyJson.class)
                .totalSupply();
    }

    /**
     * @param pageSize 1..1000
     * @param bookmark "" for the first page
     * @return one page of the member's transfers, both directions, oldest first
     */
    public TransferPage history(String memberId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                ledger.evaluate("money:GetTransferHistory", memberId, Integer.toString(pageSize), bookmark),
                TransferPage.class);
    }

    /**
     * Transfers, or returns the stored transfer when the same id was used before with the same content.
     *
     * @return the transfer and whether this call created it
     */
    Submitted transfer(String transferId, String from, String to, long amount, String memo) {
        LedgerResult result =
                ledger.submit("money:Transfer", transferId, from, to, Long.toString(amount), memo == null ? "" : memo);
        LedgerTransfer transfer = LedgerPayloads.read(result.payload(), LedgerTransfer.class);
        return new Submitted(transfer, result.transactionId().equals(transfer.txId()));
    }

    /** @return the transfer of a {@code TransferCompleted} event */
    static LedgerTransfer transferEvent(byte[] payload) {
        return LedgerPayloads.read(payload, LedgerTransfer.class);
    }

    /**
     * One page of the ledger's transfer history.
     *
     * @param bookmark where the next page starts; "" when there is none
     * @param items the transfers
     */
    public record TransferPage(String bookmark, List<LedgerTransfer> items) {

        public TransferPage {
            bookmark = bookmark == null ? "" : bookmark;
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * @param transfer the stored transfer
     * @param created {@code false} when an earlier request with the same id made it
     */
    record Submitted(LedgerTransfer transfer, boolean created) {}

    private record BalanceJson(long balance, String memberId) {}

    private record SupplyJson(long totalSupply) {}
}
