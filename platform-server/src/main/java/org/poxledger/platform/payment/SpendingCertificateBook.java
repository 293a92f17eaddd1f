package org.poxledger.platform.payment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.poxledger.payword.SpendingCertificate;
import org.springframework.stereotype.Repository;

/**
 * {@code (:SpendingCertificate {certificateId: "<channelId>:<day>"})}: the Mini-Pay certificates the broker issued.
 * A certificate is reserved (its terms fixed) before the ledger registers its limit and signed after, so a retry after
 * a crash registers the very same terms, which the ledger takes as a repetition.
 */
@Repository
class SpendingCertificateBook {

    private final Driver driver;
    private final QueryConfig config = QueryConfig.defaultConfig();

    SpendingCertificateBook(Driver driver) {
        this.driver = driver;
    }

    /** A certificate's terms, with its signature once issued ({@code null} while only reserved). */
    record Stored(SpendingCertificate certificate, long capIndex) {

        boolean signed() {
            return certificate.signature() != null;
        }
    }

    Optional<Stored> find(String channelId, String day) {
        return driver
                .executableQuery("MATCH (s:SpendingCertificate {certificateId: $id}) RETURN s")
                .withParameters(Map.of("id", channelId + ":" + day))
                .withConfig(config)
                .execute()
                .records()
                .stream()
                .findFirst()
                .map(SpendingCertificateBook::stored);
    }

    /** Reserves the terms unless the day already has a certificate; returns what is stored. */
    Stored reserve(SpendingCertificate terms, long capIndex) {
        Map<String, Object> row = new HashMap<>();
        row.put("certificateId", terms.channelId() + ":" + terms.day());
        row.put("channelId", terms.channelId());
        row.put("payerId", terms.payerId());
        row.put("day", terms.day());
        row.put("fromIndex", terms.fromIndex());
        row.put("fromWord", terms.fromWord());
        row.put("unit", terms.unit());
        row.put("limit", terms.limit());
        row.put("capIndex", capIndex);
        return stored(driver.executableQuery("""
                        MERGE (s:SpendingCertificate {certificateId: $row.certificateId})
                        ON CREATE SET s += $row
                        RETURN s
                        """)
                .withParameters(Map.of("row", row))
                .withConfig(config)
                .execute()
                .records()
                .getFirst());
    }

    /** Records the signature of a certificate whose limit the ledger registered. */
    void signed(SpendingCertificate certificate, long capIndex) {
        driver.executableQuery("""
                        MATCH (s:SpendingCertificate {certificateId: $id})
                        SET s.issuedAt = $issuedAt, s.signature = $signature, s.capIndex = $capIndex
                        """)
                .withParameters(Map.of(
                        "id",
                        certificate.channelId() + ":" + certificate.day(),
                        "issuedAt",
                        certificate.issuedAt(),
                        "signature",
                        certificate.signature(),
                        "capIndex",
                        capIndex))
                .withConfig(config)
                .execute();
    }

    /** Forgets a reservation the ledger refused, so the day can be certified with other terms. */
    void release(String channelId, String day) {
        driver.executableQuery("""
                        MATCH (s:SpendingCertificate {certificateId: $id}) WHERE s.signature IS NULL
                        DELETE s
                        """)
                .withParameters(Map.of("id", channelId + ":" + day))
                .withConfig(config)
                .execute();
    }

    /** @return the cap a reserved, not yet issued certificate of the channel would leave; empty when none */
    Optional<Long> reservedCap(String channelId) {
        var value = driver.executableQuery("""
                        MATCH (s:SpendingCertificate {channelId: $channelId}) WHERE s.signature IS NULL
                        RETURN min(s.capIndex) AS cap
                        """)
                .withParameters(Map.of("channelId", channelId))
                .withConfig(config)
                .execute()
                .records()
                .getFirst()
                .get("cap");
        return value.isNull() ? Optional.empty() : Optional.of(value.asLong());
    }

    private static Stored stored(Record record) {
        var s = record.get("s").asNode();
        return new Stored(
                new SpendingCertificate(
                        s.get("channelId").asString(),
                        s.get("payerId").asString(),
                        s.get("day").asString(),
                        s.get("fromIndex").asLong(),
                        s.get("fromWord").asString(),
                        s.get("unit").asLong(),
                        s.get("limit").asLong(),
                        s.get("issuedAt").asLong(0),
                        s.get("signature").isNull() ? null : s.get("signature").asString()),
                s.get("capIndex").asLong());
    }
}
