package org.poxledger.platform.policy;

/**
 * One level of a reward policy (DESIGN §5). A member reaches the tier when their weighted score is at least
 * {@code minScoreBps} and they recommended at least {@code minDirect} members directly.
 *
 * @param level 1-based level number
 * @param minScoreBps minimum weighted score in basis points (10000 = one direct recommendee)
 * @param minDirect minimum number of direct recommendees
 * @param rateBps reward rate in basis points (10000 = 1.0)
 */
public record Tier(int level, long minScoreBps, long minDirect, int rateBps) {}
