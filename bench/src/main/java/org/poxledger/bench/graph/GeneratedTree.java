package org.poxledger.bench.graph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A generated referral forest, as the parent of each member (members are numbered in registration order, so a parent
 * always comes before its children, as on the ledger). Member {@code i} is {@link #id(int) "t" + i}; member 0 is the
 * only genesis member.
 *
 * <p>Shapes seen in real referral networks, and the ones that stress a projection differently:
 *
 * <ul>
 *   <li>{@link Shape#DEEP_CHAINS}: long single-file chains (every registration has a full ten ancestors to count);
 *   <li>{@link Shape#WIDE_FANS}: a few members with tens of thousands of direct recruits (hot ancestors, high levels);
 *   <li>{@link Shape#POWER_LAW}: preferential attachment, fan-out following a power law (a few hubs, a long tail);
 *   <li>{@link Shape#MIXED}: a third of each, interleaved, the default for the benchmarks.
 * </ul>
 *
 * Deterministic for a given seed, so two runs measure the same tree.
 *
 * @param shape how it was grown
 * @param parent {@code parent[i]} is member i's recommender, -1 for the genesis member
 */
public record GeneratedTree(Shape shape, int[] parent) {

    /** How a tree is grown. */
    public enum Shape {
        DEEP_CHAINS,
        WIDE_FANS,
        POWER_LAW,
        MIXED
    }

    public static GeneratedTree generate(Shape shape, int members, long seed) {
        if (members < 1) {
            throw new IllegalArgumentException("a tree has at least its genesis member, got " + members);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] parent = new int[members];
        parent[0] = -1;
        // preferential attachment: picking a uniformly random earlier *edge endpoint* picks a member with probability
        // proportional to its degree
        int[] endpoints = new int[2 * members];
        int endpointCount = 1;
        int[] hubs = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 1; i < members; i++) {
            Shape step = shape == Shape.MIXED ? Shape.values()[i % 3] : shape;
            int p =
                    switch (step) {
                        // mostly extend the previous chain link; now and then start a new chain somewhere
                        case DEEP_CHAINS -> random.nextInt(50) == 0 ? random.nextInt(i) : lastOfChain(parent, i);
                        // one of eight hubs, re-picked rarely, so each gathers a wide fan
                        case WIDE_FANS -> {
                            int h = random.nextInt(hubs.length);
                            if (random.nextInt(5000) == 0 || hubs[h] >= i) {
                                hubs[h] = random.nextInt(i);
                            }
                            yield hubs[h];
                        }
                        case POWER_LAW, MIXED -> endpoints[random.nextInt(endpointCount)];
                    };
            parent[i] = p;
            endpoints[endpointCount++] = p;
            endpoints[endpointCount++] = i;
        }
        return new GeneratedTree(shape, parent);
    }

    /** Three steps back: three interleaved chains (in MIXED, exactly the previous chain step). */
    private static int lastOfChain(int[] parent, int i) {
        return Math.max(0, i - 3);
    }

    public int size() {
        return parent.length;
    }

    public static String id(int member) {
        return "t" + member;
    }

    /** @return {@code n_1..n_10} of every member, counted by walking each member's ancestors */
    public long[][] depthCounts(int maxDepth) {
        long[][] counts = new long[parent.length][maxDepth];
        for (int i = 0; i < parent.length; i++) {
            int ancestor = parent[i];
            for (int d = 0; d < maxDepth && ancestor >= 0; d++) {
                counts[ancestor][d]++;
                ancestor = parent[ancestor];
            }
        }
        return counts;
    }

    /** @return the deepest member's depth below the genesis member */
    public int depth() {
        int[] depth = new int[parent.length];
        for (int i = 1; i < parent.length; i++) {
            depth[i] = depth[parent[i]] + 1;
        }
        return Arrays.stream(depth).max().orElse(0);
    }

    /** @return the largest number of direct recruits of one member */
    public int widestFan() {
        int[] fan = new int[parent.length];
        for (int i = 1; i < parent.length; i++) {
            fan[parent[i]]++;
        }
        return Arrays.stream(fan).max().orElse(0);
    }
}
