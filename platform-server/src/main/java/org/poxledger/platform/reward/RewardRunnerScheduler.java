package org.poxledger.platform.reward;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Resumes unfinished reward cycles when the server is ready and then every {@code pox.rewards.resume-interval}, so a
 * cycle interrupted by a crash or a ledger outage gets paid without an admin. Not in rebuild-graph mode, which only
 * replays the ledger.
 */
@Component
class RewardRunnerScheduler {

    private static final Logger log = LoggerFactory.getLogger(RewardRunnerScheduler.class);

    private final RewardCycleRunner runner;
    private final RewardProperties properties;
    private final TaskScheduler scheduler;
    private final boolean rebuildMode;

    RewardRunnerScheduler(
            RewardCycleRunner runner,
            RewardProperties properties,
            TaskScheduler scheduler,
            @Value("${pox.rebuild-graph:false}") boolean rebuildMode) {
        this.runner = runner;
        this.properties = properties;
        this.scheduler = scheduler;
        this.rebuildMode = rebuildMode;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (rebuildMode) {
            return;
        }
        if (properties.resumeOnStartup()) {
            resume();
        }
        if (properties.resumeInterval().isPositive()) {
            scheduler.scheduleWithFixedDelay(
                    this::resume, Instant.now().plus(properties.resumeInterval()), properties.resumeInterval());
        }
    }

    private void resume() {
        try {
            var started = runner.resumeUnfinished();
            if (!started.isEmpty()) {
                log.info("resuming unfinished reward cycles {}", started);
            }
        } catch (RuntimeException e) {
            log.warn("could not look for unfinished reward cycles: {}", e.getMessage());
        }
    }
}
