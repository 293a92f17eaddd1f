package org.poxledger.platform.policy;

import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stores the single policy draft as a {@code (:PolicyDraft {id: 'current'})} node; the policy itself as JSON. */
@Repository
class PolicyDraftRepository {

    private static final String DRAFT_ID = "current";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    PolicyDraftRepository(Driver driver) {
        this.driver = driver;
    }

    Optional<PolicyDraft> find() {
        var records = driver.executableQuery("""
                        MATCH (d:PolicyDraft {id: $id})
                        RETURN d.document AS document, d.basedOnVersion AS basedOnVersion,
                               d.updatedAt AS updatedAt, d.updatedBy AS updatedBy
                        """)
                .withParameters(Map.of("id", DRAFT_ID))
                .withConfig(config)
                .execute()
                .records();
        return records.stream().findFirst().map(PolicyDraftRepository::toDraft);
    }

    void save(PolicyDraft draft) {
        driver.executableQuery("""
                        MERGE (d:PolicyDraft {id: $id})
                        SET d.document = $document, d.basedOnVersion = $basedOnVersion,
                            d.updatedAt = $updatedAt, d.updatedBy = $updatedBy
                        """)
                .withParameters(Map.of(
                        "id", DRAFT_ID,
                        "document", JSON.writeValueAsString(draft.document()),
                        "basedOnVersion", draft.basedOnVersion(),
                        "updatedAt", draft.updatedAt(),
                        "updatedBy", draft.updatedBy()))
                .withConfig(config)
                .execute();
    }

    void delete() {
        driver.executableQuery("MATCH (d:PolicyDraft {id: $id}) DELETE d")
                .withParameters(Map.of("id", DRAFT_ID))
                .withConfig(config)
                .execute();
    }

    private static PolicyDraft toDraft(Record row) {
        return new PolicyDraft(
                JSON.readValue(row.get("document").asString(), PolicyDocument.class),
                row.get("basedOnVersion").asInt(),
                row.get("updatedAt").asLong(),
                row.get("updatedBy").asString(null),
                true);
    }
}
