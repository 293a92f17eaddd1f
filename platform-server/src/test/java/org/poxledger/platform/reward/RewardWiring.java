package org.poxledger.platform.reward;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.neo4j.driver.Driver;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.wallet.WalletProjection;

/**
 * The reward beans wired by hand for integration tests in other packages (their constructors are package-private).
 *
 * @param cycles closes cycles
 * @param runner pays them
 * @param projection projects reward events
 * @param members member views, explanations, proofs
 * @param holds releases and forfeits
 * @param ledger the typed rewards contract
 * @param previews policy draft previews
 */
public record RewardWiring(
        RewardCycleService cycles,
        RewardCycleRunner runner,
        RewardProjection projection,
        MemberRewardService members,
        RewardHoldService holds,
        RewardLedger ledger,
        RewardPlanRepository plans) {

    /** @param owner the runner's instance name (two wirings with different owners act as two instances) */
    public static RewardWiring create(
            Driver driver,
            LedgerConnection connection,
            LedgerPolicyCatalog policies,
            WalletProjection wallets,
            RewardProperties properties,
            Clock clock,
            MeterRegistry meters,
            String owner) {
        RewardPlanRepository plans = new RewardPlanRepository(driver);
        CycleGraph graph = new CycleGraph(driver);
        CycleCalculator calculator = new CycleCalculator(graph);
        RewardMetrics metrics = new RewardMetrics(meters);
        RewardLedger ledger = new RewardLedger(new LedgerClient(connection));
        RewardCycleService cycles =
                new RewardCycleService(plans, calculator, policies, properties, metrics, ProjectionBarrier.NONE, clock);
        RewardCycleRunner runner = new RewardCycleRunner(plans, ledger, wallets, metrics, properties, clock, owner);
        RewardProjection projection =
                new RewardProjection(plans, ledger, calculator, policies, wallets, properties, driver);
        MemberRewardService members = new MemberRewardService(plans, graph, policies, ledger);
        RewardHoldService holds = new RewardHoldService(plans, ledger, projection);
        return new RewardWiring(cycles, runner, projection, members, holds, ledger, plans);
    }

    /** @return a runner of another instance over the same graph and ledger connection */
    public RewardCycleRunner otherInstance(
            Driver driver,
            LedgerConnection connection,
            WalletProjection wallets,
            RewardProperties properties,
            Clock clock,
            MeterRegistry meters,
            String owner) {
        return new RewardCycleRunner(
                new RewardPlanRepository(driver),
                new RewardLedger(new LedgerClient(connection)),
                wallets,
                new RewardMetrics(meters),
                properties,
                clock,
                owner);
    }

    /** @return the cycle's pending chunk numbers as the graph has them */
    public java.util.List<Integer> pendingChunks(String cycleId) {
        return plans.pendingChunks(cycleId);
    }
}
