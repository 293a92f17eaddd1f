package org.poxledger.platform.referral;

import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
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
                        .map(r -> new ReferralNode(
                                r.get("memberId").asString(),
                                r.get("recommenderId").asString(null),
                                r.get("depth").asInt(),
                                r.get("displayName").asString(null),
                                r.get("status").asString(),
                                r.get("registeredAt").asLong(0),
                                r.get("direct").asLong()))
                        .toList();
        // the stored counters are exact (incrementally maintained, checked against the edges), so the total needs no
        // traversal
        Value counts = driver.executableQuery("MATCH (m:Member {memberId: $memberId}) RETURN m.counts AS counts")
                .withParameters(Map.of("memberId", memberId))
                .withConfig(READ)
                .execute()
                .records()
                .getFirst()
                .get("counts");
        long total = 0;
        List<Long> byDepth = counts.isNull() ? List.of() : counts.asList(Value::asLong);
        for (int d = 0; d < Math.min(maxDepth, byDepth.size()); d++) {
            total += byDepth.get(d);
        }
        return new PageOf<>(items, page, size, total);
    }
}
