package org.poxledger.platform.level;

import java.time.Instant;

/**
 * One recorded change of a member's level.
 *
 * @param fromLevel level before
 * @param toLevel level after
 * @param scoreBps score at the change
 * @param policyVersion the policy in force
 * @param changedAt when (the causing registration's ledger time, or the recompute time)
 * @param cause e.g. {@code registration m_abc}, {@code recompute}
 */
public record LevelChange(
        int fromLevel, int toLevel, long scoreBps, int policyVersion, Instant changedAt, String cause) {}
