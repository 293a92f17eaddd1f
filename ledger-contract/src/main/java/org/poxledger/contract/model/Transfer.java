package org.poxledger.contract.model;

/**
 * A completed on-chain transfer.
 *
 * @param amount minor units
 * @param fromMemberId payer
 * @param memo free text, possibly ""
 * @param timestamp transaction time, epoch milliseconds
 * @param toMemberId payee
 * @param transferId client-chosen idempotency id
 * @param txId the transaction that made it
 */
public record Transfer(
        long amount,
        String fromMemberId,
        String memo,
        long timestamp,
        String toMemberId,
        String transferId,
        String txId) {

    /**
     * @param from payer
     * @param to payee
     * @param units amount
     * @param text memo
     * @return whether a repeated request asks for exactly this transfer
     */
    public boolean sameRequest(final String from, final String to, final long units, final String text) {
        return fromMemberId.equals(from) && toMemberId.equals(to) && amount == units && memo.equals(text);
    }
}
