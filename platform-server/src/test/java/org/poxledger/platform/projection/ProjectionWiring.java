package org.poxledger.platform.projection;

import java.time.Duration;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.reward.RewardWiring;
import org.poxledger.platform.testrig.PoxRig;

/** The projection beans wired by hand over a {@link PoxRig}. */
final class ProjectionWiring {

    static final ProjectionProperties FAST_RETRY = new ProjectionProperties(
            true, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5), null);

    private ProjectionWiring() {}

    static LedgerEventDispatcher dispatcher(PoxRig rig) {
        return dispatcher(rig, rig.rewards);
    }

    /** @param rewards the reward beans of the instance that projects (another one than the rig's, say) */
    static LedgerEventDispatcher dispatcher(PoxRig rig, RewardWiring rewards) {
        return new LedgerEventDispatcher(
                rig.graph.projection(),
                rig.graph.batchProjection(),
                rig.policies,
                rig.graph.counters(),
                rewards.projection(),
                rig.wallets,
                rig.channels);
    }

    static ChaincodeEventListener listener(PoxRig rig, LedgerConnection ledger) {
        return listener(rig, ledger, rig.rewards);
    }

    static ChaincodeEventListener listener(PoxRig rig, LedgerConnection ledger, RewardWiring rewards) {
        return new ChaincodeEventListener(
                ledger, dispatcher(rig, rewards), new CheckpointRepository(rig.driver), FAST_RETRY, rig.clock, false);
    }

    static GraphRebuild rebuild(PoxRig rig, ChaincodeEventListener listener) {
        return rebuild(rig, listener, rig.rewards);
    }

    static GraphRebuild rebuild(PoxRig rig, ChaincodeEventListener listener, RewardWiring rewards) {
        return new GraphRebuild(
                rig.driver,
                rig.ledger,
                dispatcher(rig, rewards),
                new CheckpointRepository(rig.driver),
                listener,
                rewards.projection(),
                rig.wallets,
                rig.graph.projection(),
                rig.policies,
                rig.graph.counters(),
                FAST_RETRY,
                rig.clock);
    }
}
