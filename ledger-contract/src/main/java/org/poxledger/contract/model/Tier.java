package org.poxledger.contract.model;

/**
 * One level of a reward policy (DESIGN §5).
 *
 * @param level 1, 2, 3, ... in order
 * @param minDirect direct recommendees needed
 * @param minScoreBps score needed, in basis points
 * @param rateBps reward rate, in basis points (10000 = 1.0)
 */
public record Tier(int level, int minDirect, long minScoreBps, int rateBps) {}
