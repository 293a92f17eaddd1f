package org.poxledger.contract.model;

import java.util.List;

/**
 * Payload of the {@code RewardChunkPaid} event.
 *
 * @param cycleId the cycle
 * @param entries the entries this chunk recorded (paid or held, not skipped), in chunk order
 * @param merkleRoot the cycle's root
 * @param policyVersion the cycle's policy
 */
public record RewardChunkPaid(String cycleId, List<RewardEntry> entries, String merkleRoot, int policyVersion) {}
