package org.poxledger.platform.policy;

/**
 * A policy as published on-chain (docs/ledger-wire.md, {@code PolicyRecord}).
 *
 * @param contentHash hex SHA-256 of the canonical (sorted-key) policy JSON, computed by the chaincode
 * @param policy the published policy
 * @param publishedAt transaction time of the publication, epoch milliseconds
 * @param publishedTxId the publishing transaction
 * @param version the policy version
 */
public record PolicyRecord(
        String contentHash, RewardPolicy policy, long publishedAt, String publishedTxId, int version) {

    /** @return the ledger's record with its policy in the platform's form (the currency defaulted) */
    public static PolicyRecord of(org.poxledger.contract.model.PolicyRecord recorded) {
        return new PolicyRecord(
                recorded.contentHash(),
                RewardPolicy.of(recorded.policy()),
                recorded.publishedAt(),
                recorded.publishedTxId(),
                recorded.version());
    }
}
