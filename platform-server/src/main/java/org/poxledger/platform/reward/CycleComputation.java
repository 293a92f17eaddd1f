package org.poxledger.platform.reward;

import java.util.List;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.policy.RewardPolicy;

/**
 * A cycle's entries under one policy, not yet stored.
 *
 * @param policy the policy applied
 * @param cycleStart start (inclusive)
 * @param cycleEnd end (exclusive)
 * @param entries the entries, by member id
 * @param totalAmount the sum of their amounts
 * @param expansionEvents members registered in the range
 * @param merkleRoot root over the entries
 */
public record CycleComputation(
        RewardPolicy policy,
        long cycleStart,
        long cycleEnd,
        List<RewardLine> entries,
        long totalAmount,
        long expansionEvents,
        String merkleRoot) {}
