package org.poxledger.platform.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Applies the Cypher migrations of {@code graph-schema/} (on the classpath as {@code neo4j/migrations/V*.cypher}) at
 * start-up, in version order, each exactly once. Every applied file is recorded as
 * {@code (:__GraphMigration {version, description, checksum, appliedAt, appliedBy})}; a recorded file whose text has
 * changed stops the start-up, because applied migrations are never edited (add a new one instead).
 *
 * <p>Several instances may start at once: they take turns through a lock node guarded by a uniqueness constraint, and
 * the version constraint on the records makes a double recording impossible even without the lock. Other start-up
 * work that needs the schema injects this bean, which finishes migrating in {@link #afterPropertiesSet()}.
 */
@Component
public class GraphSchemaMigrator implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(GraphSchemaMigrator.class);
    private static final String LOCK_NAME = "schema";
    private static final int SCHEMA_RETRIES = 5;
    private static final Pattern IN_TRANSACTIONS =
            Pattern.compile("\\}\\s*IN\\s+(\\d+\\s+CONCURRENT\\s+)?TRANSACTIONS\\b", Pattern.CASE_INSENSITIVE);

    private final Driver driver;
    private final GraphProperties properties;
    private final String instanceId = UUID.randomUUID().toString();

    public GraphSchemaMigrator(Driver driver, GraphProperties properties) {
        this.driver = driver;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        migrate();
    }

    /**
     * Applies every migration not yet recorded.
     *
     * @return the versions applied by this call (empty when the schema was already current)
     * @throws IllegalStateException when an applied migration was edited, two files share a version, or the lock
     *     could not be taken in time
     */
    public List<Integer> migrate() {
        List<GraphMigration> migrations = load();
        ensureBookkeepingConstraints();
        acquireLock();
        try {
            return applyPending(migrations);
        } finally {
            releaseLock();
        }
    }

    private List<Integer> applyPending(List<GraphMigration> migrations) {
        Map<Integer, Record> applied = appliedMigrations();
        List<Integer> appliedNow = new ArrayList<>();
        for (GraphMigration migration : migrations) {
            Record record = applied.get(migration.version());
            if (record != null) {
                String recorded = record.get("checksum").asString();
                if (!recorded.equals(migration.checksum())) {
                    throw new IllegalStateException("graph migration " + migration.label()
                            + " was edited after it was applied: recorded checksum " + recorded + ", file checksum "
                            + migration.checksum() + ". Applied migrations are never changed; add a new one.");
                }
                continue;
            }
            long started = System.nanoTime();
            for (String statement : migration.statements()) {
                apply(statement);
            }
            record(migration);
            appliedNow.add(migration.version());
            log.info(
                    "applied graph migration {} in {} ms",
                    migration.label(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        if (appliedNow.isEmpty()) {
            log.info("graph schema is current ({} migrations)", migrations.size());
        }
        return appliedNow;
    }

    /**
     * Runs one statement in a transaction of its own, or, for {@code CALL { ... } IN TRANSACTIONS} (a data migration
     * over a large graph, in batches), in the implicit transaction Neo4j requires for it.
     */
    private void apply(String statement) {
        if (IN_TRANSACTIONS.matcher(statement).find()) {
            try (Session session = driver.session()) {
                session.run(statement).consume();
            }
        } else {
            driver.executableQuery(statement).execute();
        }
    }

    private Map<Integer, Record> appliedMigrations() {
        Map<Integer, Record> applied = new HashMap<>();
        driver.executableQuery("MATCH (m:__GraphMigration) RETURN m.version AS version, m.checksum AS checksum")
                .execute()
                .records()
                .forEach(r -> applied.put(r.get("version").asInt(), r));
        return applied;
    }

    private void record(GraphMigration migration) {
        driver.executableQuery("""
                        CREATE (:__GraphMigration {version: $version, description: $description,
                                checksum: $checksum, appliedAt: datetime(), appliedBy: $instance})
                        """)
                .withParameters(Map.of(
                        "version", migration.version(),
                        "description", migration.description(),
                        "checksum", migration.checksum(),
                        "instance", instanceId))
                .execute();
    }

    private void ensureBookkeepingConstraints() {
        List<String> statements = List.of(
                "CREATE CONSTRAINT graph_migration_version_unique IF NOT EXISTS"
                        + " FOR (m:__GraphMigration) REQUIRE m.version IS UNIQUE",
                "CREATE CONSTRAINT graph_migration_lock_name_unique IF NOT EXISTS"
                        + " FOR (l:__GraphMigrationLock) REQUIRE l.name IS UNIQUE");
        for (String statement : statements) {
            // two instances creating the same constraint at once: the loser sees a schema error; the rule exists then
            for (int attempt = 1; ; attempt++) {
                try {
                    driver.executableQuery(statement).execute();
                    break;
                } catch (Neo4jException e) {
                    if (attempt >= SCHEMA_RETRIES) {
                        throw e;
                    }
                    log.debug("retrying graph bookkeeping constraint after {}", e.code());
                }
            }
        }
    }

    private void acquireLock() {
        Instant deadline = Instant.now().plus(properties.lockTimeout());
        long pauseMillis = 100;
        while (true) {
            try {
                driver.executableQuery(
                                "CREATE (:__GraphMigrationLock {name: $name, owner: $owner, lockedAt: datetime()})")
                        .withParameters(Map.of("name", LOCK_NAME, "owner", instanceId))
                        .execute();
                return;
            } catch (ClientException e) {
                if (!e.code().startsWith("Neo.ClientError.Schema.ConstraintValidationFailed")) {
                    throw e;
                }
            }
            breakStaleLock();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "another instance has held the graph migration lock for longer than " + properties.lockTimeout()
                                + "; if it crashed, delete (:__GraphMigrationLock {name: 'schema'})");
            }
            try {
                // waiting for another instance's migration: nothing to await but the lock node's disappearance
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the graph migration lock", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 2000);
        }
    }

    private void breakStaleLock() {
        var result = driver.executableQuery("""
                        MATCH (l:__GraphMigrationLock {name: $name})
                        WHERE l.lockedAt < datetime() - duration({seconds: $staleSeconds})
                        DELETE l
                        RETURN l.owner AS owner
                        """)
                .withParameters(Map.of(
                        "name",
                        LOCK_NAME,
                        "staleSeconds",
                        properties.staleLockAfter().toSeconds()))
                .execute();
        result.records().forEach(r -> log.warn("broke a stale graph migration lock of instance {}", r.get("owner")));
    }

    private void releaseLock() {
        driver.executableQuery("MATCH (l:__GraphMigrationLock {name: $name, owner: $owner}) DELETE l")
                .withParameters(Map.of("name", LOCK_NAME, "owner", instanceId))
                .execute();
    }

    private List<GraphMigration> load() {
        List<GraphMigration> migrations = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(properties.migrations())) {
                try (InputStream in = resource.getInputStream()) {
                    migrations.add(GraphMigration.parse(
                            resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read graph migrations at " + properties.migrations(), e);
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no graph migrations found at " + properties.migrations());
        }
        migrations.sort(Comparator.comparingInt(GraphMigration::version));
        List<GraphMigration> unique = new ArrayList<>();
        for (GraphMigration migration : migrations) {
            GraphMigration previous = unique.isEmpty() ? null : unique.getLast();
            if (previous != null && previous.version() == migration.version()) {
                if (previous.checksum().equals(migration.checksum())) {
                    continue; // the same file reachable through two classpath entries
                }
                throw new IllegalStateException("two graph migrations share version " + migration.version() + ": "
                        + previous.label() + " and " + migration.label());
            }
            unique.add(migration);
        }
        return unique;
    }
}
