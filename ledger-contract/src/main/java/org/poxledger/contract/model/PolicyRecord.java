package org.poxledger.contract.model;

/**
 * A published policy.
 *
 * @param contentHash hex SHA-256 of the canonical policy JSON
 * @param policy the canonical policy
 * @param publishedAt transaction time, epoch milliseconds
 * @param publishedTxId the publishing transaction
 * @param version the policy version
 */
public record PolicyRecord(String contentHash, Policy policy, long publishedAt, String publishedTxId, int version) {}
