package org.poxledger.platform.wallet;

import org.poxledger.contract.model.Transfer;
import org.poxledger.platform.ledger.Committed;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.springframework.stereotype.Component;

/** The wallet's view of the {@code money} contract. */
@Component
public class MoneyLedger {

    private final LedgerClient ledger;

    public MoneyLedger(LedgerClient ledger) {
        this.ledger = ledger;
    }

    /** @return the member's balance in minor units */
    public long balance(String memberId) {
        return ledger.getBalance(memberId).balance();
    }

    /** @return minted minor units over all time */
    public long totalSupply() {
        return ledger.getTotalSupply().totalSupply();
    }

    /**
     * Transfers, or returns the stored transfer when the same id was used before with the same content.
     *
     * @return the transfer and whether this call created it
     */
    Submitted transfer(String transferId, String from, String to, long amount, String memo) {
        Committed<Transfer> committed = ledger.transfer(transferId, from, to, amount, memo);
        Transfer transfer = committed.value();
        return new Submitted(transfer, committed.transactionId().equals(transfer.txId()));
    }

    /** @return the transfer of a {@code TransferCompleted} event */
    static Transfer transferEvent(byte[] payload) {
        return LedgerPayloads.read(payload, Transfer.class);
    }

    /**
     * @param transfer the stored transfer
     * @param created {@code false} when an earlier request with the same id made it
     */
    record Submitted(Transfer transfer, boolean created) {}
}
