package org.poxledger.platform.ledger;

/**
 * The committed result of a submitted transaction, read as its wire record.
 *
 * @param value the chaincode's answer
 * @param transactionId the Fabric transaction id
 * @param blockNumber the block that holds it
 * @param <T> the wire record
 */
public record Committed<T>(T value, String transactionId, long blockNumber) {}
