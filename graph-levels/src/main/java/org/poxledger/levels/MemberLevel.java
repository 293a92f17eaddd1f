package org.poxledger.levels;

/**
 * A member's standing under one policy.
 *
 * @param scoreBps weighted score, basis points
 * @param level the highest tier reached
 * @param rateBps that tier's reward rate
 * @param direct number of direct recommendees (n_1)
 */
public record MemberLevel(long scoreBps, int level, int rateBps, long direct) {}
