package org.poxledger.platform.wallet;

/**
 * The chaincode's Transfer JSON (docs/ledger-wire.md).
 *
 * @param amount minor units
 * @param fromMemberId payer
 * @param memo free text, possibly empty
 * @param timestamp transaction time, epoch milliseconds
 * @param toMemberId payee
 * @param transferId the client-chosen idempotency key
 * @param txId the transaction that made the transfer
 */
public record LedgerTransfer(
        long amount,
        String fromMemberId,
        String memo,
        long timestamp,
        String toMemberId,
        String transferId,
        String txId) {}
