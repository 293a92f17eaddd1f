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
 * @param entries the reward entries in the graph
 * @param chunks the chunk numbering of the entries
 * @param leases the runner leases
 */
public record RewardWiring(
        RewardCycleService cycles,
        RewardCycleRunner runner,
        RewardProjection projection,
        MemberRewardService members,
        RewardHoldService holds,
        RewardLedger ledger,
        RewardEntryRepository entries,
        RewardChunkRepository chunks,
        CycleLeaseRepository leases) {

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
        CyclePlanRepository plans = new CyclePlanRepository(driver);
        RewardEntryRepository entries = new RewardEntryRepository(driver);
        RewardChunkRepository chunks = new RewardChunkRepository(driver);
        CycleLeaseRepository leases = new CycleLeaseRepository(driver);
        CycleProgressRepository progress = new CycleProgressRepository(driver, plans);
        CycleGraph graph = new CycleGraph(driver);
        CycleCalculator calculator = new CycleCalculator(graph);
        RewardMetrics metrics = new RewardMetrics(meters);
        RewardLedger ledger = new RewardLedger(new LedgerClient(connection));
        RewardCycleService cycles = new RewardCycleService(
                plans, chunks, progress, calculator, policies, properties, metrics, ProjectionBarrier.NONE, clock);
        RewardCycleRunner runner = new RewardCycleRunner(
                plans, entries, chunks, leases, ledger, wallets, metrics, properties, clock, owner);
        RewardProjection projection =
                new RewardProjection(plans, entries, chunks, ledger, calculator, policies, wallets, properties, driver);
        MemberRewardService members = new MemberRewardService(plans, entries, graph, policies, ledger);
        RewardHoldService holds = new RewardHoldService(entries, ledger, projection);
        return new RewardWiring(cycles, runner, projection, members, holds, ledger, entries, chunks, leases);
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
                new CyclePlanRepository(driver),
                new RewardEntryRepository(driver),
                new RewardChunkRepository(driver),
                new CycleLeaseRepository(driver),
                new RewardLedger(new LedgerClient(connection)),
                wallets,
                new RewardMetrics(meters),
                properties,
                clock,
                owner);
    }

    /** @return the cycle's pending chunk numbers as the graph has them */
    public java.util.List<Integer> pendingChunks(String cycleId) {
        return chunks.pendingChunks(cycleId);
    }
}
