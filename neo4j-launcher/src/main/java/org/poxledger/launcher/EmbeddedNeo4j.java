package org.poxledger.launcher;

import static org.neo4j.configuration.GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.fleetmanagement.FleetManagementSettings;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.poxledger.procedures.LevelRecomputeProcedure;
import org.poxledger.procedures.RegistrationCountProcedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Neo4j community DBMS running in this JVM, reachable only through Bolt on the loopback interface. */
final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private static final String LOOPBACK = "127.0.0.1";

    private final DatabaseManagementService dbms;
    private final LauncherSettings settings;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedNeo4j(DatabaseManagementService dbms, LauncherSettings settings) {
        this.dbms = dbms;
        this.settings = settings;
    }

    /**
     * Starts the DBMS and waits until the default database is available.
     *
     * @throws RuntimeException from Neo4j when it cannot start (port in use, unreadable store, ...)
     */
    static EmbeddedNeo4j start(LauncherSettings settings) {
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(settings.home())
                .setConfig(configuration(settings))
                // Neo4j's user log (start, stop, connectors, failures) on standard error beside the launcher's lines;
                // standard output carries only the readiness line.
                .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                .build();
        try {
            // The builder returns once the DBMS is up; this waits for the default database as well, so "ready" means
            // a Bolt client can run queries at once.
            dbms.database(DEFAULT_DATABASE_NAME).beginTx().close();
            registerProcedures(dbms);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
        log.info(
                "Neo4j started in {} ms, home {}, Bolt on {} without authentication (loopback only)",
                (System.nanoTime() - started) / 1_000_000,
                settings.home(),
                settings.boltUri());
        return new EmbeddedNeo4j(dbms, settings);
    }

    /**
     * Registers graph-procedures' {@code pox.levels.recompute} and {@code pox.members.count}, so that the server
     * recomputes levels and counts registrations inside the database, as a Neo4j server does with that jar in its
     * plugins directory. An embedded DBMS loads no plugins directory: its procedures are registered through the DBMS's
     * own registry, as Neo4j's test harness does.
     */
    private static void registerProcedures(DatabaseManagementService dbms) {
        GraphDatabaseAPI database = (GraphDatabaseAPI) dbms.database(DEFAULT_DATABASE_NAME);
        try {
            GlobalProcedures procedures = database.getDependencyResolver().resolveDependency(GlobalProcedures.class);
            procedures.registerProcedure(LevelRecomputeProcedure.class);
            procedures.registerProcedure(RegistrationCountProcedure.class);
        } catch (ProcedureException e) {
            throw new IllegalStateException("cannot register the PoX graph procedures", e);
        }
    }

    static Map<Setting<?>, Object> configuration(LauncherSettings settings) {
        SocketAddress bolt = new SocketAddress(LOOPBACK, settings.boltPort());
        Map<Setting<?>, Object> config = new LinkedHashMap<>();
        // Nothing listens beyond the loopback interface: every connector defaults to this address.
        config.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK));
        config.put(GraphDatabaseSettings.default_advertised_address, new SocketAddress(LOOPBACK));
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, bolt);
        config.put(BoltConnector.advertised_address, bolt);
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(settings.pageCacheMib()));
        // Authentication is off because Bolt listens on 127.0.0.1 only: this is the development database of one
        // machine, and whoever can reach its loopback interface already runs code on that machine. Any shared or
        // remote Neo4j must be a real server with authentication, configured by URI.
        config.put(GraphDatabaseSettings.auth_enabled, false);
        // A development machine has nothing to report or announce to anyone.
        config.put(GraphDatabaseSettings.udc_enabled, false);
        config.put(BoltConnector.enable_discovery, false);
        config.put(FleetManagementSettings.fleet_manager_enabled, false);
        // Bolt's event loops otherwise wait a quiet period per loop group, about ten seconds in all, before a stop
        // completes; with loopback-only development clients there is nothing to drain. (An internal setting: if a
        // later Neo4j drops it, start-up fails loudly on the unknown key rather than silently slowing down.)
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ofMillis(100));
        return config;
    }

    String boltUri() {
        return settings.boltUri();
    }

    /** Stops the DBMS, flushing every database; safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            log.info("Neo4j stopping ({})", settings.boltUri());
            dbms.shutdown();
            log.info("Neo4j stopped");
        }
    }
}
