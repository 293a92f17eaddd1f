package org.poxledger.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how the launcher runs Neo4j.
 *
 * @param home the DBMS home: databases under {@code data/}, Neo4j's own logs under {@code logs/}
 * @param boltPort Bolt port on 127.0.0.1
 * @param pidFile where to write this process's id, if anywhere
 * @param pageCacheMib the page cache, MiB: the store Neo4j keeps in memory
 */
record LauncherSettings(Path home, int boltPort, Optional<Path> pidFile, long pageCacheMib) {

    static final int DEFAULT_BOLT_PORT = 7687;
    static final Path DEFAULT_HOME = Path.of(".pox", "neo4j");
    // a 1M-member graph (members, edges, counters, levels) is ~600 MB of store: it stays in memory with room to spare.
    // Fixed rather than Neo4j's share-of-RAM guess, so the development database behaves the same on every machine.
    static final long DEFAULT_PAGE_CACHE_MIB = 2048;

    LauncherSettings {
        if (boltPort < 1 || boltPort > 65535) {
            throw new IllegalArgumentException("POX_NEO4J_BOLT_PORT must be a port in 1..65535, got " + boltPort);
        }
        if (pageCacheMib < 8) {
            throw new IllegalArgumentException("POX_NEO4J_PAGECACHE_MIB must be at least 8 (MiB), got " + pageCacheMib);
        }
        home = home.toAbsolutePath().normalize();
        pidFile = pidFile.map(file -> file.toAbsolutePath().normalize());
    }

    /**
     * Reads {@code POX_NEO4J_BOLT_PORT} (default 7687), {@code POX_NEO4J_DATA} (default {@code .pox/neo4j} under the
     * working directory), {@code POX_NEO4J_PIDFILE} (optional) and {@code POX_NEO4J_PAGECACHE_MIB} (default 2048).
     */
    static LauncherSettings fromEnvironment(Map<String, String> environment) {
        return new LauncherSettings(
                value(environment, "POX_NEO4J_DATA").map(Path::of).orElse(DEFAULT_HOME),
                value(environment, "POX_NEO4J_BOLT_PORT")
                        .map(LauncherSettings::parsePort)
                        .orElse(DEFAULT_BOLT_PORT),
                value(environment, "POX_NEO4J_PIDFILE").map(Path::of),
                value(environment, "POX_NEO4J_PAGECACHE_MIB")
                        .map(LauncherSettings::parsePageCache)
                        .orElse(DEFAULT_PAGE_CACHE_MIB));
    }

    String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static long parsePageCache(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "POX_NEO4J_PAGECACHE_MIB must be a whole number of MiB, got '" + text + "'");
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("POX_NEO4J_BOLT_PORT must be a port in 1..65535, got '" + text + "'");
        }
    }
}
