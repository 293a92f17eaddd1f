package org.poxledger.bench.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-ledger journal {@link RebuildBench} replays: registrations of a {@link GeneratedTree.Shape#MIXED} tree
 * through the real chaincode, each recruiter verified before its first recruit, generated once per size under {@code
 * bench/target} and reused by later runs.
 */
final class EmbeddedRebuildLedger {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRebuildLedger.class);

    private EmbeddedRebuildLedger() {}

    /** @return the journal of a ledger holding {@code members} registrations, generated if absent */
    static Path prepare(int members) throws Exception {
        Path journal = Path.of("bench/target/ledger-" + members + ".journal");
        Path done = Path.of(journal + ".done");
        if (Files.exists(done)) {
            return journal;
        }
        Files.deleteIfExists(journal);
        Files.createDirectories(journal.toAbsolutePath().getParent());
        GeneratedTree tree = GeneratedTree.generate(GeneratedTree.Shape.MIXED, members, RebuildBench.TREE_SEED);
        boolean[] verified = new boolean[members];
        long started = System.nanoTime();
        // The embedded ledger forces its journal to disk per transaction: on this VM's disk that alone held generation
        // to ~25 registrations/s. Written on a RAM disk instead (nothing to lose: the run makes it again) and moved
        // into place once complete.
        Path scratch = Files.createTempDirectory(scratchRoot(), "pox-bench-ledger");
        Path writing = scratch.resolve(journal.getFileName());
        try (EmbeddedLedger ledger = EmbeddedLedger.builder().journal(writing).open()) {
            ledger.submit("members:RegisterGenesisMember", GeneratedTree.id(0), TreeLoader.accountHash(0));
            verified[0] = true;
            for (int i = 1; i < members; i++) {
                int p = tree.parent()[i];
                if (!verified[p]) {
                    ledger.submit("members:VerifyMember", GeneratedTree.id(p));
                    verified[p] = true;
                }
                ledger.submit(
                        "members:RegisterMember", GeneratedTree.id(i), TreeLoader.accountHash(i), GeneratedTree.id(p));
                if (i % 10_000 == 0) {
                    log.info("ledger generation: {} members", i);
                }
            }
            long last = ledger.lastBlock();
            log.info(
                    "generated a ledger of {} members, {} blocks in {} s",
                    members,
                    last,
                    (System.nanoTime() - started) / 1e9);
            ledger.close();
            Files.move(writing, journal, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(done, Long.toString(last));
            return journal;
        } finally {
            try (var left = Files.list(scratch)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
        }
    }

    /** @return {@code pox.bench.scratch}, else /dev/shm where it exists, else the temporary directory */
    private static Path scratchRoot() {
        String configured = System.getProperty("pox.bench.scratch");
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
