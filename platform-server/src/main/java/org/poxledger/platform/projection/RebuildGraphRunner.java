package org.poxledger.platform.projection;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --pox.rebuild-graph=true} ({@code make rebuild-graph}): rebuild the graph from block 0, report, close the
 * application and exit with status 0, 1 when a reward cycle could not be restored, 2 when the rebuild failed. In this
 * mode neither the event listener nor the reward runners nor the default-policy bootstrap start.
 */
@Component
@ConditionalOnBooleanProperty("pox.rebuild-graph")
class RebuildGraphRunner implements ApplicationRunner {

    static final int OK = 0;
    static final int CYCLES_NOT_RESTORED = 1;
    static final int FAILED = 2;

    private static final Logger log = LoggerFactory.getLogger(RebuildGraphRunner.class);

    private final GraphRebuild rebuild;
    private final ProjectionProperties properties;
    private final ConfigurableApplicationContext context;
    private final IntConsumer exit;

    @Autowired
    RebuildGraphRunner(GraphRebuild rebuild, ProjectionProperties properties, ConfigurableApplicationContext context) {
        this(rebuild, properties, context, System::exit);
    }

    RebuildGraphRunner(
            GraphRebuild rebuild,
            ProjectionProperties properties,
            ConfigurableApplicationContext context,
            IntConsumer exit) {
        this.rebuild = rebuild;
        this.properties = properties;
        this.context = context;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("rebuild-graph mode: replaying the ledger from block 0 into Neo4j");
        int status = rebuild();
        exit.accept(SpringApplication.exit(context, () -> status));
    }

    private int rebuild() {
        try {
            RebuildReport report = rebuild.rebuild(null, properties.rebuildIdleTimeout());
            if (!report.membersNotOnLedger().isEmpty()) {
                log.warn("member nodes not found on the ledger (personal data kept): {}", report.membersNotOnLedger());
            }
            if (!report.cyclesNotRestored().isEmpty()) {
                log.error("reward cycles not restored (FAILED): {}", report.cyclesNotRestored());
            }
            int status = report.cyclesNotRestored().isEmpty() ? OK : CYCLES_NOT_RESTORED;
            log.info(
                    "rebuild-graph done: {} events up to block {}, {} members, exit status {}",
                    report.eventsReplayed(),
                    report.lastBlock(),
                    report.members(),
                    status);
            return status;
        } catch (RuntimeException e) {
            log.error("rebuild-graph failed", e);
            return FAILED;
        }
    }
}
