package org.poxledger.platform.reward;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.springframework.stereotype.Repository;

/**
 * The referral-tree questions a reward cycle asks, answered by Cypher over the projected tree
 * {@code (:Member {memberId, registeredAt})-[:RECOMMENDED]->(:Member)}.
 *
 * <p>Cypher cannot take a parameter for a variable-length bound, so each query exists once per possible maxDepth
 * (1..10, the policy rule): the bound is a number from this class, never from a request.
 */
@Repository
class CycleGraph {

    /** The policy rule caps maxDepth at 10. */
    static final int DEPTH_LIMIT = 10;

    private static final String NEW_AT_DEPTH = """
            MATCH (x:Member) WHERE x.registeredAt >= $start AND x.registeredAt < $end
            MATCH p = (a:Member)-[:RECOMMENDED*1..%d]->(x)
            RETURN a.memberId AS memberId, length(p) AS depth, count(*) AS n
            """;

    /** n_d(a) as of the end: only descendants registered before it count (their ancestors registered earlier). */
    private static final String COUNTS_AT_END = """
            UNWIND $memberIds AS id
            MATCH p = (a:Member {memberId: id})-[:RECOMMENDED*1..%d]->(x:Member)
            WHERE x.registeredAt < $end
            RETURN id AS memberId, length(p) AS depth, count(*) AS n
            """;

    private static final String ALL_COUNTS_AT_END = """
            MATCH p = (a:Member)-[:RECOMMENDED*1..%d]->(x:Member)
            WHERE x.registeredAt < $end
            RETURN a.memberId AS memberId, length(p) AS depth, count(*) AS n
            """;

    private static final String EXPANSIONS_BELOW = """
            MATCH p = (a:Member {memberId: $memberId})-[:RECOMMENDED*1..%d]->(x:Member)
            WHERE x.registeredAt >= $start AND x.registeredAt < $end
            RETURN x.memberId AS memberId, length(p) AS depth, x.registeredAt AS registeredAt
            ORDER BY depth, registeredAt, memberId
            """;

    private final Driver driver;
    private final QueryConfig readConfig =
            QueryConfig.builder().withRouting(RoutingControl.READ).build();

    CycleGraph(Driver driver) {
        this.driver = driver;
    }

    /**
     * @return for every ancestor of a member registered in [start, end): how many of those members are exactly d
     *     steps below it (index d-1), d ≤ maxDepth
     */
    Map<String, long[]> newAtDepth(long start, long end, int maxDepth) {
        return countsByMember(query(NEW_AT_DEPTH, maxDepth), Map.of("start", start, "end", end), maxDepth);
    }

    /** @return n_d of each given member, counting only members registered before {@code end} */
    Map<String, long[]> countsAtEnd(Collection<String> memberIds, long end, int maxDepth) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        return countsByMember(
                query(COUNTS_AT_END, maxDepth), Map.of("memberIds", List.copyOf(memberIds), "end", end), maxDepth);
    }

    /** @return n_d of every member that has someone below it, counting only members registered before end */
    Map<String, long[]> allCountsAtEnd(long end, int maxDepth) {
        return countsByMember(query(ALL_COUNTS_AT_END, maxDepth), Map.of("end", end), maxDepth);
    }

    /** @return how many members registered before {@code end} */
    long memberCount(long end) {
        return driver.executableQuery("MATCH (m:Member) WHERE m.registeredAt < $end RETURN count(m) AS n")
                .withParameters(Map.of("end", end))
                .withConfig(readConfig)
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }

    /** @return the members registered in [start, end) within maxDepth below the member, nearest first */
    List<Expansion> expansionsBelow(String memberId, long start, long end, int maxDepth) {
        return driver
                .executableQuery(query(EXPANSIONS_BELOW, maxDepth))
                .withParameters(Map.of("memberId", memberId, "start", start, "end", end))
                .withConfig(readConfig)
                .execute()
                .records()
                .stream()
                .map(row -> new Expansion(
                        row.get("memberId").asString(),
                        row.get("depth").asInt(),
                        row.get("registeredAt").asLong()))
                .toList();
    }

    /**
     * One expansion event below a member.
     *
     * @param memberId the new member
     * @param depth steps below the earning member
     * @param registeredAt when it registered (ledger transaction time)
     */
    record Expansion(String memberId, int depth, long registeredAt) {}

    private Map<String, long[]> countsByMember(String cypher, Map<String, Object> parameters, int maxDepth) {
        Map<String, long[]> counts = new HashMap<>();
        for (Record row : driver.executableQuery(cypher)
                .withParameters(parameters)
                .withConfig(readConfig)
                .execute()
                .records()) {
            int depth = row.get("depth").asInt();
            counts.computeIfAbsent(row.get("memberId").asString(), id -> new long[maxDepth])[depth - 1] =
                    row.get("n").asLong();
        }
        return counts;
    }

    private static String query(String template, int maxDepth) {
        if (maxDepth < 1 || maxDepth > DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + DEPTH_LIMIT + ", was " + maxDepth);
        }
        return template.formatted(maxDepth);
    }
}
