package org.poxledger.bench.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.poxledger.bench.fabric.TestChannel;
import org.poxledger.ledger.LedgerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric channel {@link RebuildBench} replays: the same generated tree as {@link EmbeddedRebuildLedger}, registered
 * on a fresh channel of the local network, each recruiter verified before its recruits. Made once per size and reused
 * while the network keeps the channel (its name is kept in {@code bench/target}).
 *
 * <p>A recruit can only be endorsed once its recruiter's verification has committed, so the members are registered as
 * their recruiters become ready rather than in id order: the tree's depth (439 at 100k) bounds the chain of commits
 * that must follow each other, and everything beside that chain runs {@code clients} at a time.
 */
final class FabricRebuildLedger {

    private static final Logger log = LoggerFactory.getLogger(FabricRebuildLedger.class);

    private final LedgerConnection ledger;
    private final int[] parent;
    private final int[] firstChild;
    private final int[] children;
    private final ExecutorService pool;
    private final CountDownLatch remaining;
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private FabricRebuildLedger(LedgerConnection ledger, GeneratedTree tree, int clients) {
        this.ledger = ledger;
        this.parent = tree.parent();
        int members = parent.length;
        // children by recruiter, as offsets into one array (the recruits of r are children[firstChild[r]..[r+1]))
        firstChild = new int[members + 1];
        for (int i = 1; i < members; i++) {
            firstChild[parent[i] + 1]++;
        }
        for (int r = 0; r < members; r++) {
            firstChild[r + 1] += firstChild[r];
        }
        children = new int[Math.max(0, members - 1)];
        int[] next = firstChild.clone();
        for (int i = 1; i < members; i++) {
            children[next[parent[i]]++] = i;
        }
        pool = Executors.newFixedThreadPool(clients);
        remaining = new CountDownLatch(members);
    }

    /** @return a channel holding the registrations of {@code members}, made if the network has none yet */
    static TestChannel prepare(Path repository, Path networkDir, int members, int clients) throws Exception {
        Path record = Path.of("bench/target/fabric-ledger-" + members + ".channel");
        if (Files.exists(record)) {
            TestChannel earlier =
                    TestChannel.existing(networkDir, Files.readString(record).strip());
            if (holdsAll(earlier, members)) {
                log.info("reusing channel {} with {} members", earlier.name(), members);
                return earlier;
            }
            log.info("channel {} is gone or incomplete: generating a new one", earlier.name());
        }
        TestChannel channel = TestChannel.create(
                repository,
                networkDir,
                "bench-rb-" + UUID.randomUUID().toString().substring(0, 8),
                "PoxChannel");
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, members, RebuildBench.TREE_SEED);
        long started = System.nanoTime();
        try (LedgerConnection ledger = channel.connect()) {
            new FabricRebuildLedger(ledger, tree, clients).registerAll();
        }
        log.info(
                "registered {} members on channel {} in {} s",
                members,
                channel.name(),
                (System.nanoTime() - started) / 1e9);
        Files.createDirectories(record.toAbsolutePath().getParent());
        Files.writeString(record, channel.name());
        return channel;
    }

    /** Whether the channel still answers and holds the last member generated (registered only after its recruiter). */
    private static boolean holdsAll(TestChannel channel, int members) {
        try (LedgerConnection ledger = channel.connect()) {
            return ledger.evaluate("members:GetMember", GeneratedTree.id(members - 1)).length > 0;
        } catch (RuntimeException e) {
            log.info("channel {} does not answer: {}", channel.name(), e.getMessage());
            return false;
        }
    }

    private void registerAll() throws InterruptedException {
        try {
            pool.execute(() -> register(0));
            while (!remaining.await(10, TimeUnit.SECONDS)) {
                if (failure.get() != null) {
                    throw failure.get();
                }
                log.info("Fabric ledger generation: {} of {} members", registered.get(), parent.length);
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Registers a member, verifies it if it recruits, then lets its recruits go. */
    private void register(int member) {
        if (failure.get() != null) {
            return;
        }
        try {
            String id = GeneratedTree.id(member);
            if (member == 0) {
                ledger.submit("members:RegisterGenesisMember", id, TreeLoader.accountHash(0));
            } else {
                ledger.submit(
                        "members:RegisterMember", id, TreeLoader.accountHash(member), GeneratedTree.id(parent[member]));
            }
            if (firstChild[member + 1] > firstChild[member]) {
                if (member != 0) { // a genesis member is VERIFIED from the start
                    ledger.submit("members:VerifyMember", id);
                }
                for (int c = firstChild[member]; c < firstChild[member + 1]; c++) {
                    int recruit = children[c];
                    pool.execute(() -> register(recruit));
                }
            }
            registered.incrementAndGet();
            remaining.countDown();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            // let the waiting thread see it at once rather than after every other member
            while (remaining.getCount() > 0) {
                remaining.countDown();
            }
        }
    }
}
