package org.poxledger.platform.projection;

/**
 * The last chaincode event applied to the graph.
 *
 * @param blockNumber its block
 * @param transactionId its transaction (Fabric emits at most one chaincode event per transaction)
 */
public record ProjectionCheckpoint(long blockNumber, String transactionId) {}
