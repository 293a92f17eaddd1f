package org.poxledger.platform.graph;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the graph schema ({@code pox.graph.*}).
 *
 * @param migrations resource pattern of the migration files
 * @param lockTimeout how long an instance waits for another one to finish migrating
 * @param staleLockAfter a lock older than this is taken to belong to a crashed instance and is broken
 */
@ConfigurationProperties("pox.graph")
public record GraphProperties(String migrations, Duration lockTimeout, Duration staleLockAfter) {

    public GraphProperties {
        migrations = migrations == null || migrations.isBlank() ? "classpath*:neo4j/migrations/V*.cypher" : migrations;
        lockTimeout = lockTimeout == null ? Duration.ofMinutes(2) : lockTimeout;
        staleLockAfter = staleLockAfter == null ? Duration.ofMinutes(10) : staleLockAfter;
    }
}
