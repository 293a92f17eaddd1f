package org.poxledger.platform.testrig;

import java.util.concurrent.atomic.AtomicInteger;
import org.poxledger.ledger.ForwardingLedgerConnection;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerResult;

/**
 * A ledger connection that lets the n-th submission of one transaction commit and then "crashes" the caller with an
 * {@link Error}, as a process dying between the ledger's commit and its own bookkeeping would. Event streams can be
 * made to fail a number of times, as a dropped connection would.
 */
public final class CrashingLedger extends ForwardingLedgerConnection {

    /** Thrown where the simulated process dies. */
    public static final class SimulatedCrash extends Error {
        public SimulatedCrash(String message) {
            super(message);
        }
    }

    private final String transaction;
    private final int crashAfter;
    private final AtomicInteger submissions = new AtomicInteger();
    private final AtomicInteger failingStreams;
    private final AtomicInteger streamsOpened = new AtomicInteger();

    /**
     * @param transaction the wire name to count, e.g. {@code rewards:PayRewardChunk}
     * @param crashAfter crash right after this many of them committed; 0 = never
     * @param failingStreams how many {@code events()} calls fail before streams work
     */
    public CrashingLedger(LedgerConnection delegate, String transaction, int crashAfter, int failingStreams) {
        super(delegate);
        this.transaction = transaction;
        this.crashAfter = crashAfter;
        this.failingStreams = new AtomicInteger(failingStreams);
    }

    @Override
    public LedgerResult submit(String name, String... args) {
        LedgerResult result = delegate().submit(name, args);
        if (name.equals(transaction) && submissions.incrementAndGet() == crashAfter) {
            throw new SimulatedCrash(name + " #" + crashAfter + " committed in block " + result.blockNumber()
                    + "; the process dies before recording it");
        }
        return result;
    }

    @Override
    public LedgerEventStream events(long startBlock) {
        streamsOpened.incrementAndGet();
        if (failingStreams.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new org.poxledger.ledger.LedgerException(
                    org.poxledger.ledger.LedgerException.LEDGER_UNAVAILABLE, "simulated outage", null);
        }
        return delegate().events(startBlock);
    }

    /** @return how many event streams were asked for */
    public int streamsOpened() {
        return streamsOpened.get();
    }

    /** @return how many of the counted transaction were submitted */
    public int submissions() {
        return submissions.get();
    }

    @Override
    public void close() {}
}
