package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ConfigurableApplicationContext;

class RebuildGraphRunnerTest {

    private final GraphRebuild rebuild = mock(GraphRebuild.class);
    private final ConfigurableApplicationContext context = mock(ConfigurableApplicationContext.class);
    private final ProjectionProperties properties = new ProjectionProperties(null, null, null, null, null, null);
    private final AtomicInteger exitStatus = new AtomicInteger(-1);
    private final RebuildGraphRunner runner = new RebuildGraphRunner(rebuild, properties, context, exitStatus::set);

    @Test
    void exits_with_zero_after_a_complete_rebuild_and_closes_the_application() {
        when(rebuild.rebuild(isNull(), any())).thenReturn(report(List.of()));

        runner.run(new DefaultApplicationArguments());

        assertThat(exitStatus).hasValue(RebuildGraphRunner.OK);
        verify(context).close();
    }

    @Test
    void exits_with_one_when_a_reward_cycle_could_not_be_restored() {
        when(rebuild.rebuild(isNull(), any())).thenReturn(report(List.of("cycle-000003")));

        runner.run(new DefaultApplicationArguments());

        assertThat(exitStatus).hasValue(RebuildGraphRunner.CYCLES_NOT_RESTORED);
    }

    @Test
    void exits_with_two_when_the_rebuild_fails() {
        when(rebuild.rebuild(isNull(), any())).thenThrow(new IllegalStateException("Neo4j is gone"));

        runner.run(new DefaultApplicationArguments());

        assertThat(exitStatus).hasValue(RebuildGraphRunner.FAILED);
    }

    private static RebuildReport report(List<String> cyclesNotRestored) {
        return new RebuildReport(12, 40, 5, List.of(), cyclesNotRestored, 0, 100);
    }
}
