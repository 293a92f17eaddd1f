package org.poxledger.platform.graph;

import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of graph-procedures' procedures, and whether the database has it: the embedded launcher registers them all, a
 * Neo4j server has them with the {@code pox-graph-procedures} jar in its plugins directory, and any other server runs
 * the Cypher the procedure stands in for.
 */
public final class GraphProcedure {

    private static final Logger log = LoggerFactory.getLogger(GraphProcedure.class);

    private static final String INSTALLED = "SHOW PROCEDURES YIELD name WHERE name = $name RETURN count(*) > 0";

    /** Whether to call the procedure where it is installed. */
    public enum Use {
        /** call it where the database has it, else run the Cypher */
        IF_INSTALLED,
        /** always run the Cypher (the tests that hold the two paths equal) */
        NEVER
    }

    private final Driver driver;
    private final String name;
    private final String instead;
    // asked once: a procedure is installed or removed only with a database restart, which restarts the server too
    private volatile Boolean installed;

    /**
     * @param name e.g. {@code pox.levels.recompute}
     * @param instead what runs without it, for the log line that says which path this server takes
     */
    public GraphProcedure(Driver driver, String name, String instead, Use use) {
        this.driver = driver;
        this.name = name;
        this.instead = instead;
        this.installed = use == Use.NEVER ? Boolean.FALSE : null;
    }

    /** @return whether to call the procedure; asks the database the first time */
    public boolean installed() {
        Boolean known = installed;
        if (known == null) {
            try (Session session = driver.session()) {
                known = session.run(INSTALLED, Map.of("name", name))
                        .single()
                        .get(0)
                        .asBoolean();
            }
            installed = known;
            if (known) {
                log.info("{} is installed: the database runs it", name);
            } else {
                log.info("{} is not installed (see graph-procedures): {} instead", name, instead);
            }
        }
        return known;
    }
}
