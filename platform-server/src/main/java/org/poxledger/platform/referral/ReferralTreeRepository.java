package org.poxledger.platform.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Value;
import org.poxledger.platform.web.PageOf;
import org.springframework.stereotype.Repository;

/** A member's downline from the graph, breadth-first: by depth, then registration time. */
@Repository
public class ReferralTreeRepository {

    private static final QueryConfig READ =
            QueryConfig.builder().withRouting(RoutingControl.READ).build();

    private final Driver driver;

    ReferralTreeRepository(Driver driver) {
        this.driver = driver;
    }

    /**
     * @param maxDepth 1..10; the pattern's upper bound is the schema maximum and {@code maxDepth} prunes it
     */
    public PageOf<ReferralNode> below(String memberId, int maxDepth, int page, int size) {
        Map<String, Object> params =
                Map.of("memberId", memberId, "maxDepth", maxDepth, "skip", (long) page * size, "limit", size);
        List<ReferralNode> items =
                driver.executableQuery("""
                        MATCH path = (:Member {memberId: $memberId})-[:RECOMMENDED*1..10]->(x:Member)
                        WHERE length(path) <= $maxDepth
                        WITH x, length(path) AS depth
                        ORDER BY depth, x.registeredAt, x.memberId
                        SKIP $skip LIMIT $limit
                        RETURN x.memberId AS memberId, x.recommenderId AS recommenderId, depth,
                               x.displayName AS displayName, x.status AS status, x.registeredAt AS registeredAt,
                               coalesce(x.counts[0], 0) AS direct
                        """).withParameters(params).withConfig(READ).execute().records().stream()
                        .map(ReferralTreeRepository::node)
                        .toList();
        long total = countsPerDepth(memberId, maxDepth).stream()
                .mapToLong(Long::longValue)
                .sum();
        return new PageOf<>(items, page, size, total);
    }

    /**
     * The stored counters are exact (incrementally maintained, checked against the edges), so no traversal is needed.
     *
     * @return how many members hang at each depth below the member, depth 1 first, {@code maxDepth} entries (zeros
     *     where nobody is yet, and for an unknown member)
     */
    public List<Long> countsPerDepth(String memberId, int maxDepth) {
        List<Long> byDepth = new ArrayList<>();
        driver
                .executableQuery("MATCH (m:Member {memberId: $memberId}) RETURN m.counts AS counts")
                .withParameters(Map.of("memberId", memberId))
                .withConfig(READ)
                .execute()
                .records()
                .stream()
                .map(r -> r.get("counts"))
                .filter(counts -> !counts.isNull())
                .findFirst()
                .ifPresent(counts -> byDepth.addAll(counts.asList(Value::asLong)));
        List<Long> counted = new ArrayList<>(byDepth.subList(0, Math.min(maxDepth, byDepth.size())));
        while (counted.size() < maxDepth) {
            counted.add(0L);
        }
        return counted;
    }

    /**
     * Walks up from the member, never down from the ancestor: a member has one recommender, so this reads at most ten
     * nodes however large the ancestor's downline is.
     *
     * @return how many steps below {@code ancestorId} the member hangs (0 when it is the ancestor), or empty when it is
     *     not in the ancestor's downline within the schema's maximum depth of 10
     */
    public OptionalInt depthBelow(String ancestorId, String memberId) {
        if (ancestorId.equals(memberId)) {
            return OptionalInt.of(0);
        }
        return driver
                .executableQuery("""
                        MATCH path = (:Member {memberId: $memberId})<-[:RECOMMENDED*1..10]-(up)
                        RETURN up.memberId AS ancestorId, length(path) AS depth
                        """)
                .withParameters(Map.of("memberId", memberId))
                .withConfig(READ)
                .execute()
                .records()
                .stream()
                .filter(r -> ancestorId.equals(r.get("ancestorId").asString(null)))
                .mapToInt(r -> r.get("depth").asInt())
                .findFirst();
    }

    /**
     * One member's recommendees, a page at a time, by registration time: what a tree picture loads when a branch is
     * opened, so that no answer grows with the size of the tree.
     *
     * @param parentDepth the parent's depth below the viewer; the recommendees are one deeper
     */
    public PageOf<ReferralNode> recommendees(String parentId, int parentDepth, int page, int size) {
        Map<String, Object> params =
                Map.of("parentId", parentId, "depth", parentDepth + 1, "skip", (long) page * size, "limit", size);
        List<ReferralNode> items =
                driver.executableQuery("""
                        MATCH (:Member {memberId: $parentId})-[:RECOMMENDED]->(x:Member)
                        WITH x ORDER BY x.registeredAt, x.memberId
                        SKIP $skip LIMIT $limit
                        RETURN x.memberId AS memberId, x.recommenderId AS recommenderId, $depth AS depth,
                               x.displayName AS displayName, x.status AS status, x.registeredAt AS registeredAt,
                               coalesce(x.counts[0], 0) AS direct
                        """).withParameters(params).withConfig(READ).execute().records().stream()
                        .map(ReferralTreeRepository::node)
                        .toList();
        return new PageOf<>(items, page, size, countsPerDepth(parentId, 1).getFirst());
    }

    private static ReferralNode node(Record r) {
        return new ReferralNode(
                r.get("memberId").asString(),
                r.get("recommenderId").asString(null),
                r.get("depth").asInt(),
                r.get("displayName").asString(null),
                r.get("status").asString(),
                r.get("registeredAt").asLong(0),
                r.get("direct").asLong());
    }
}
