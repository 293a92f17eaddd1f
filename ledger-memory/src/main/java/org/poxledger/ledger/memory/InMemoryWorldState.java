package org.poxledger.ledger.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;

/**
 * The committed state of an in-process ledger: keys with every version (for snapshot reads and key history), the block
 * height (one transaction per block) and the chaincode events. Transactions run against it through
 * {@link InMemoryChaincodeStub}s, which read a snapshot and buffer their writes until {@link
 * InMemoryChaincodeStub#commit()}.
 *
 * <p>A chaincode unit test needs nothing else:
 *
 * <pre>{@code
 * InMemoryWorldState world = new InMemoryWorldState();
 * String member = world.submit(LedgerIdentity.operator(), ctx -> contract.RegisterGenesisMember(ctx, "m1", hash));
 * // or, with control over the invocation:
 * InMemoryChaincodeStub stub = world.newTransaction(LedgerIdentity.operator())
 *         .function("members:RegisterGenesisMember").parameters("m1", hash).build();
 * contract.RegisterGenesisMember(new Context(stub), "m1", hash);
 * stub.commit();
 * }</pre>
 *
 * <p>Thread-safe: commits are serialized; readers never block on a commit longer than its in-memory apply.
 */
public final class InMemoryWorldState {

    /** Fabric's default {@code ledger.state.totalQueryLimit}: a peer returns at most this many results per query. */
    static final int TOTAL_QUERY_LIMIT = 100_000;

    private final Clock clock;
    private final NavigableMap<String, KeyVersions> keys = new TreeMap<>(Utf8KeyOrder.INSTANCE);
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final EventLog events = new EventLog();
    private volatile long height;
    private volatile CommitJournal journal = CommitJournal.NONE;

    /** An empty ledger whose transactions take their timestamps from the system clock. */
    public InMemoryWorldState() {
        this(Clock.systemUTC());
    }

    /** @param clock source of transaction timestamps ({@code getTxTimestamp}) */
    public InMemoryWorldState(final Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts describing a transaction of {@code creator}; finish with {@code build()}, {@code submit(...)} or {@code
     * evaluate(...)}.
     *
     * @param creator the submitting identity ({@code getCreator}, {@code ctx.getClientIdentity()})
     * @return a builder for the transaction's stub
     */
    public InMemoryChaincodeStub.Builder newTransaction(final LedgerIdentity creator) {
        return new InMemoryChaincodeStub.Builder(this, creator);
    }

    /**
     * Runs {@code transaction} as one transaction of {@code creator} and commits its writes and event if it returns;
     * if it throws, nothing is written and the exception propagates.
     *
     * @param creator the submitting identity
     * @param transaction the chaincode call, given a fresh {@link Context}
     * @param <T> the chaincode's return type
     * @return what the transaction returned
     */
    public <T> T submit(final LedgerIdentity creator, final Function<Context, T> transaction) {
        return newTransaction(creator).submit(transaction);
    }

    /**
     * Runs {@code transaction} as a read-only transaction of {@code creator}: whatever it writes is discarded.
     *
     * @param creator the calling identity
     * @param transaction the chaincode call, given a fresh {@link Context}
     * @param <T> the chaincode's return type
     * @return what the transaction returned
     */
    public <T> T evaluate(final LedgerIdentity creator, final Function<Context, T> transaction) {
        return newTransaction(creator).evaluate(transaction);
    }

    /**
     * @param key a state key
     * @return the committed value of {@code key}, empty when absent or deleted
     */
    public Optional<byte[]> get(final String key) {
        final KeyVersions.Version version = read(key, height);
        return version == null || version.isDelete()
                ? Optional.empty()
                : Optional.of(version.value().clone());
    }

    /** @return the number of the last committed block; 0 before the first transaction */
    public long height() {
        return height;
    }

    /** @return the chaincode events committed so far, in commit order */
    public List<LedgerEvent> events() {
        return events.snapshot();
    }

    /**
     * @param startBlock first block whose events to return
     * @return a blocking stream of committed events from {@code startBlock} on; the caller closes it
     */
    public LedgerEventStream events(final long startBlock) {
        return events.stream(startBlock);
    }

    /** @return the clock transactions take their timestamps from */
    public Clock clock() {
        return clock;
    }

    KeyVersions.Version read(final String key, final long atHeight) {
        stateLock.readLock().lock();
        try {
            final KeyVersions versions = keys.get(key);
            return versions == null ? null : versions.at(atHeight);
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * @param startKey first key, inclusive
     * @param endKey last key, {@code null} for no bound
     * @param includeEnd whether {@code endKey} itself is in the range
     * @param atHeight the snapshot to read
     * @param limit most results to return
     * @return the live keys of the range in key order
     */
    List<VersionedKeyValue> scan(
            final String startKey,
            final String endKey,
            final boolean includeEnd,
            final long atHeight,
            final int limit) {
        final List<VersionedKeyValue> results = new ArrayList<>();
        if (endKey != null && Utf8KeyOrder.INSTANCE.compare(startKey, endKey) > 0) {
            return results; // LevelDB answers an inverted range with nothing; TreeMap would throw.
        }
        stateLock.readLock().lock();
        try {
            final NavigableMap<String, KeyVersions> range =
                    endKey == null ? keys.tailMap(startKey, true) : keys.subMap(startKey, true, endKey, includeEnd);
            for (final Map.Entry<String, KeyVersions> entry : range.entrySet()) {
                if (results.size() >= limit) {
                    break;
                }
                final KeyVersions.Version version = entry.getValue().at(atHeight);
                if (version != null && !version.isDelete()) {
                    results.add(new VersionedKeyValue(entry.getKey(), version.value(), version.block()));
                }
            }
            return results;
        } finally {
            stateLock.readLock().unlock();
        }
    }

    List<KeyVersions.Version> history(final String key, final long atHeight) {
        stateLock.readLock().lock();
        try {
            final KeyVersions versions = keys.get(key);
            return versions == null ? List.of() : versions.newestFirst(atHeight);
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * Validates a simulated transaction against the current state, journals it, then applies it. Commits are
     * serialized, so validation and apply see the same state.
     *
     * @throws ReadConflictException when a read changed since the transaction's snapshot
     */
    CommittedTransaction commit(
            final String txId,
            final Instant timestamp,
            final ReadSet reads,
            final NavigableMap<String, byte[]> writes,
            final ChaincodeEvent event) {
        commitLock.lock();
        try {
            new ReadSetValidator(this, txId).validate(reads);
            final long block = height + 1;
            final List<StateWrite> writeSet = new ArrayList<>(writes.size());
            writes.forEach((key, value) -> writeSet.add(new StateWrite(key, value)));
            final Optional<LedgerEvent> committedEvent = Optional.ofNullable(event)
                    .map(e -> new LedgerEvent(
                            block, txId, e.getEventName(), e.getPayload().toByteArray()));
            final CommittedTransaction transaction =
                    new CommittedTransaction(txId, block, timestamp, writeSet, committedEvent);
            journal.append(transaction);
            apply(transaction);
            return transaction;
        } finally {
            commitLock.unlock();
        }
    }

    /** Re-applies a journaled transaction at open; blocks must follow each other without a gap. */
    void replay(final CommittedTransaction transaction) {
        commitLock.lock();
        try {
            if (transaction.blockNumber() != height + 1) {
                throw new IllegalStateException("journal jumps from block " + height + " to block "
                        + transaction.blockNumber() + " (transaction " + transaction.txId() + ")");
            }
            apply(transaction);
        } finally {
            commitLock.unlock();
        }
    }

    void journalTo(final CommitJournal commitJournal) {
        this.journal = Objects.requireNonNull(commitJournal, "commitJournal");
    }

    /** Ends every event stream's wait. */
    void shutdown() {
        events.close();
    }

    private void apply(final CommittedTransaction transaction) {
        stateLock.writeLock().lock();
        try {
            for (final StateWrite write : transaction.writes()) {
                keys.computeIfAbsent(write.key(), key -> new KeyVersions())
                        .add(new KeyVersions.Version(
                                transaction.blockNumber(), transaction.txId(), transaction.timestamp(), write.value()));
            }
            // Published last, so a reader that sees the new height also sees every version of that block.
            height = transaction.blockNumber();
        } finally {
            stateLock.writeLock().unlock();
        }
        transaction.event().ifPresent(events::append);
    }
}
