package org.poxledger.platform.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.Driver;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.platform.level.DepthCounterRecomputer;
import org.poxledger.platform.member.MemberProjection;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.reward.RewardProjection;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the ledger projection in Neo4j from block 0 ({@code make rebuild-graph}, DESIGN §2, §10).
 *
 * <p><b>What is wiped and re-derived</b> (everything the ledger holds): the {@code RECOMMENDED} edges, the members'
 * ledger fields (account hash, recommender, registration time and transaction, status, depth counters, level, score,
 * rate), level-change history, reward cycles, entries and chunk receipts, wallets, transfers, and the listener's
 * checkpoint.
 *
 * <p><b>What is kept</b> (cannot come from the ledger, which holds no personal data): the member nodes themselves with
 * their personal data (display name, account, e-mail), log-in accounts, invitations, setup tokens and the policy
 * draft. Replaying a member's events MERGEs onto its node by member id, so the personal data re-attaches by itself. A
 * member node no ledger event re-confirms keeps its personal data and is reported, not deleted.
 *
 * <p>A reward cycle whose payment was under way is restored by recomputing its plan from the rebuilt tree (a past
 * range is deterministic) and accepted only if it reproduces the on-chain Merkle root; then the runner resumes it. A
 * cycle closed but never recorded on-chain is lost with the graph; the next close covers its range again, which pays
 * nobody twice because nothing of it was paid.
 *
 * <p>No other instance may project into the same graph while it is rebuilt: stop the servers first.
 */
@Service
public class GraphRebuild {

    private static final Logger log = LoggerFactory.getLogger(GraphRebuild.class);

    private final Driver driver;
    private final LedgerConnection ledger;
    private final LedgerEventDispatcher dispatcher;
    private final CheckpointRepository checkpoints;
    private final ChaincodeEventListener listener;
    private final RewardProjection rewards;
    private final WalletProjection wallets;
    private final MemberProjection members;
    private final LedgerPolicyCatalog policies;
    private final DepthCounterRecomputer levels;
    private final ProjectionProperties properties;
    private final Clock clock;

    GraphRebuild(
            Driver driver,
            LedgerConnection ledger,
            LedgerEventDispatcher dispatcher,
            CheckpointRepository checkpoints,
            ChaincodeEventListener listener,
            RewardProjection rewards,
            WalletProjection wallets,
            MemberProjection members,
            LedgerPolicyCatalog policies,
            DepthCounterRecomputer levels,
            ProjectionProperties properties,
            Clock clock) {
        this.driver = driver;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.listener = listener;
        this.rewards = rewards;
        this.wallets = wallets;
        this.members = members;
        this.policies = policies;
        this.levels = levels;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Wipes the ledger projection, replays every chaincode event from block 0, restores reward plans and checks the
     * replayed depth counters against the edges. The listener of this instance is paused meanwhile and resumed
     * afterwards if it was running.
     *
     * @param untilBlock stop after applying an event of this block or later; {@code null} to replay until the stream
     *     has been idle for {@code idleTimeout}
     * @param idleTimeout how long a silent stream means the replay caught up
     */
    public RebuildReport rebuild(Long untilBlock, Duration idleTimeout) {
        long started = clock.millis();
        boolean listening = listener.isRunning();
        if (listening) {
            listener.stop();
        }
        try {
            wipe();
            // levels are recorded under the policy in force now, also for members registered under older versions
            policies.forgetCurrent();
            policies.refreshCurrent();
            long[] replayed = replay(untilBlock, idleTimeout);
            List<String> cyclesNotRestored = rewards.restoreCyclesFromLedger();
            RebuildReport report = new RebuildReport(
                    replayed[0],
                    replayed[1],
                    memberCount(),
                    membersNotOnLedger(),
                    cyclesNotRestored,
                    levels.check().mismatches().size(),
                    clock.millis() - started);
            log.info("graph rebuilt from the ledger: {}", report);
            return report;
        } finally {
            if (listening) {
                listener.start();
            }
        }
    }

    private void wipe() {
        checkpoints.reset();
        rewards.wipe();
        wallets.wipe();
        members.forgetLedgerState();
        log.info("ledger projection wiped; personal data, accounts, invitations and the policy draft kept");
    }

    /** @return events applied and the last block */
    private long[] replay(Long untilBlock, Duration idleTimeout) {
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        long count = 0;
        long lastBlock = -1;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("pox-rebuild-watchdog").factory());
        try (LedgerEventStream events = ledger.events(0);
                EventBatches batches = new EventBatches(events, properties.batchSize())) {
            long period = Math.max(10, idleTimeout.toMillis() / 4);
            watchdog.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() - lastActivity.get() > idleTimeout.toNanos()) {
                            events.close();
                        }
                    },
                    period,
                    period,
                    TimeUnit.MILLISECONDS);
            List<LedgerEvent> batch;
            while (!(batch = batches.next()).isEmpty()) {
                if (untilBlock != null) {
                    batch = upTo(batch, untilBlock);
                }
                dispatcher.applyAll(batch, false);
                checkpoints.save(batch.getLast(), clock.millis());
                lastActivity.set(System.nanoTime());
                long before = count;
                count += batch.size();
                lastBlock = batch.getLast().blockNumber();
                if (count / 10_000 > before / 10_000) {
                    log.info("rebuild: {} events replayed, block {}", count, lastBlock);
                }
                if (untilBlock != null && lastBlock >= untilBlock) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted after " + count + " events", e);
        } finally {
            watchdog.shutdownNow();
        }
        log.info("rebuild: replayed {} events up to block {}", count, lastBlock);
        return new long[] {count, lastBlock};
    }

    /** @return the batch's events up to the first one of {@code untilBlock} or later, inclusive */
    private static List<LedgerEvent> upTo(List<LedgerEvent> batch, long untilBlock) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).blockNumber() >= untilBlock) {
                return batch.subList(0, i + 1);
            }
        }
        return batch;
    }

    private List<String> membersNotOnLedger() {
        return driver
                .executableQuery(
                        "MATCH (m:Member) WHERE m.registeredAt IS NULL RETURN m.memberId AS memberId ORDER BY memberId")
                .execute()
                .records()
                .stream()
                .map(row -> row.get("memberId").asString())
                .toList();
    }

    private long memberCount() {
        return driver.executableQuery("MATCH (m:Member) RETURN count(m) AS n")
                .execute()
                .records()
                .getFirst()
                .get("n")
                .asLong();
    }
}
