package org.poxledger.platform.member;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.web.PageOf;
import org.springframework.stereotype.Repository;

/** Reads members from the graph. */
@Repository
public class MemberRepository {

    private static final QueryConfig READ =
            QueryConfig.builder().withRouting(RoutingControl.READ).build();

    private final Driver driver;

    MemberRepository(Driver driver) {
        this.driver = driver;
    }

    /** @return the member, if projected */
    public Optional<MemberView> find(String memberId) {
        return driver
                .executableQuery("MATCH (m:Member {memberId: $memberId}) RETURN m")
                .withParameters(Map.of("memberId", memberId))
                .withConfig(READ)
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(MemberRepository::view);
    }

    /** @return the id of the member registered with that account hash, if any */
    public Optional<String> memberIdByAccountHash(String accountHash) {
        return driver
                .executableQuery("MATCH (m:Member {accountHash: $hash}) RETURN m.memberId AS memberId")
                .withParameters(Map.of("hash", accountHash))
                .withConfig(READ)
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(r -> r.get("memberId").asString());
    }

    /**
     * @param status only members with this status, {@code null} for all
     * @return members ordered by registration time, then id
     */
    public PageOf<MemberView> list(MemberStatus status, int page, int size) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("status", status == null ? null : status.name());
        params.put("skip", (long) page * size);
        params.put("limit", size);
        List<MemberView> items =
                driver.executableQuery("""
                        MATCH (m:Member) WHERE $status IS NULL OR m.status = $status
                        RETURN m ORDER BY m.registeredAt, m.memberId SKIP $skip LIMIT $limit
                        """).withParameters(params).withConfig(READ).execute().records().stream()
                        .map(MemberRepository::view)
                        .toList();
        long total = driver.executableQuery(
                        "MATCH (m:Member) WHERE $status IS NULL OR m.status = $status RETURN count(m) AS total")
                .withParameters(params)
                .withConfig(READ)
                .execute()
                .records()
                .getFirst()
                .get("total")
                .asLong();
        return new PageOf<>(items, page, size, total);
    }

    private static MemberView view(Record record) {
        var m = record.get("m");
        return new MemberView(
                m.get("memberId").asString(),
                MemberStatus.valueOf(m.get("status").asString()),
                m.get("recommenderId").asString(null),
                m.get("registeredAt").asLong(0),
                m.get("displayName").asString(null),
                m.get("account").asString(null),
                m.get("email").asString(null),
                m.get("counts").isNull() ? List.of() : m.get("counts").asList(v -> v.asLong()));
    }
}
