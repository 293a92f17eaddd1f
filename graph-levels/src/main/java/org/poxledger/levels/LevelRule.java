package org.poxledger.levels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.poxledger.contract.model.Tier;

/**
 * DESIGN §5 as one policy applies it: {@code score = Σ_d weightBps[d] × n_d}, and the level is the highest tier whose
 * score and direct thresholds are both met. Pure integer arithmetic so every node computes the same level; overflow is
 * an error, never a wrap-around.
 *
 * <p>The same rule travels to the database as a map ({@link #parameter()}): the single registration's Cypher scores a
 * member's ancestors with it, and the {@code pox.levels.recompute} procedure reads it back with {@link
 * #fromParameter(Map)}, so the three agree by construction.
 *
 * @param policyVersion the policy this rule comes from
 * @param weightsBps weight of a recommendee at depth d (index d-1), only the policy's first {@code maxDepth}
 * @param tiers levels in ascending order, at least one
 */
public record LevelRule(int policyVersion, List<Integer> weightsBps, List<Tier> tiers) {

    /** The database procedure that recomputes a whole tree under a rule given as {@link #parameter()}. */
    public static final String RECOMPUTE_PROCEDURE = "pox.levels.recompute";

    /** The database procedure that counts registrations into their ancestors under a rule given as {@link #parameter()}. */
    public static final String COUNT_PROCEDURE = "pox.members.count";

    public LevelRule {
        weightsBps = List.copyOf(weightsBps);
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a level rule needs at least one tier");
        }
    }

    /**
     * @param policyVersion the policy's version
     * @param maxDepth how many levels below a member count
     * @param levelWeightBps the policy's weights (only the first {@code maxDepth} are used)
     * @param tiers the policy's tiers, ascending
     */
    public static LevelRule of(int policyVersion, int maxDepth, List<Integer> levelWeightBps, List<Tier> tiers) {
        return new LevelRule(
                policyVersion, levelWeightBps.subList(0, Math.min(maxDepth, levelWeightBps.size())), tiers);
    }

    /**
     * @param countsByDepth n_1..n_k, registered members exactly d steps below (index d-1); depths past the rule's are
     *     ignored, missing ones count as zero
     * @return score, level and rate
     */
    public MemberLevel levelOf(long[] countsByDepth) {
        return levelOf(weightsBps, weightsBps.size(), tiers, countsByDepth);
    }

    /** @return the weighted score in basis points */
    public long scoreBps(long[] countsByDepth) {
        return scoreBps(weightsBps, weightsBps.size(), countsByDepth);
    }

    /** Tiers are ascending, so the last one whose thresholds are met is the highest reached. */
    public Tier tierFor(long scoreBps, long direct) {
        return tierFor(tiers, scoreBps, direct);
    }

    /**
     * The score of {@link #scoreBps(long[])} straight from a policy's lists, for callers that level many members under
     * one policy without making a rule of it each time.
     *
     * @param levelWeightBps the policy's weights
     * @param maxDepth how many of them count
     */
    public static long scoreBps(List<Integer> levelWeightBps, int maxDepth, long[] countsByDepth) {
        long score = 0;
        int depths = Math.min(Math.min(maxDepth, levelWeightBps.size()), countsByDepth.length);
        for (int d = 0; d < depths; d++) {
            score = Math.addExact(score, Math.multiplyExact((long) levelWeightBps.get(d), countsByDepth[d]));
        }
        return score;
    }

    /** The tier of {@link #tierFor(long, long)} straight from a policy's tiers, ascending. */
    public static Tier tierFor(List<Tier> tiers, long scoreBps, long direct) {
        Tier reached = tiers.getFirst();
        for (Tier tier : tiers) {
            if (tier.minScoreBps() <= scoreBps && tier.minDirect() <= direct) {
                reached = tier;
            }
        }
        return reached;
    }

    /** The level of {@link #levelOf(long[])} straight from a policy's lists. */
    public static MemberLevel levelOf(
            List<Integer> levelWeightBps, int maxDepth, List<Tier> tiers, long[] countsByDepth) {
        long score = scoreBps(levelWeightBps, maxDepth, countsByDepth);
        long direct = countsByDepth.length > 0 ? countsByDepth[0] : 0;
        Tier reached = tierFor(tiers, score, direct);
        return new MemberLevel(score, reached.level(), reached.rateBps(), direct);
    }

    /**
     * @return the rule as a Cypher parameter: {@code weights}, {@code tiers} ({@code level, minDirect, minScoreBps,
     *     rateBps}, ascending) and {@code version}
     */
    public Map<String, Object> parameter() {
        List<Map<String, Object>> tierMaps = tiers.stream()
                .map(tier -> Map.<String, Object>of(
                        "level", tier.level(),
                        "minDirect", tier.minDirect(),
                        "minScoreBps", tier.minScoreBps(),
                        "rateBps", tier.rateBps()))
                .toList();
        return Map.of("weights", weightsBps, "tiers", tierMaps, "version", policyVersion);
    }

    /**
     * @param parameter what {@link #parameter()} gave, as the database hands it back (integers may come as longs)
     * @return the rule
     * @throws IllegalArgumentException when an entry is missing or not a number
     */
    public static LevelRule fromParameter(Map<String, ?> parameter) {
        List<Integer> weights = new ArrayList<>();
        for (Object weight : list(parameter, "weights")) {
            weights.add(intOf(weight, "weights"));
        }
        List<Tier> tiers = new ArrayList<>();
        for (Object tier : list(parameter, "tiers")) {
            if (!(tier instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException("each of the level rule's tiers must be a map, not " + tier);
            }
            tiers.add(new Tier(
                    intOf(fields.get("level"), "tiers.level"),
                    intOf(fields.get("minDirect"), "tiers.minDirect"),
                    longOf(fields.get("minScoreBps"), "tiers.minScoreBps"),
                    intOf(fields.get("rateBps"), "tiers.rateBps")));
        }
        return new LevelRule(intOf(parameter.get("version"), "version"), weights, tiers);
    }

    private static List<?> list(Map<String, ?> parameter, String name) {
        if (parameter.get(name) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("the level rule's " + name + " must be a list, not " + parameter.get(name));
    }

    private static long longOf(Object value, String name) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("the level rule's " + name + " must be an integer, not " + value);
    }

    private static int intOf(Object value, String name) {
        return Math.toIntExact(longOf(value, name));
    }
}
