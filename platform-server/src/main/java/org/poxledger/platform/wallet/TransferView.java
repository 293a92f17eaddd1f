package org.poxledger.platform.wallet;

/**
 * A transfer as a member sees it.
 *
 * @param transferId the idempotency key
 * @param txId the ledger transaction
 * @param direction OUT when the viewer paid, IN when the viewer received
 * @param fromMemberId payer
 * @param toMemberId payee
 * @param amount the amount
 * @param memo free text
 * @param timestamp ledger time, epoch milliseconds
 */
public record TransferView(
        String transferId,
        String txId,
        Direction direction,
        String fromMemberId,
        String toMemberId,
        Money amount,
        String memo,
        long timestamp) {

    /** Seen from the viewer. */
    public enum Direction {
        IN,
        OUT
    }
}
