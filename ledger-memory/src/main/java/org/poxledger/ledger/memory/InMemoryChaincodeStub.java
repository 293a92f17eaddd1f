package org.poxledger.ledger.memory;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A {@link org.hyperledger.fabric.shim.ChaincodeStub} for one transaction over an {@link InMemoryWorldState}, with a
 * Fabric peer's semantics (core/ledger/kvledger/txmgmt, Fabric 2.5/3.x):
 *
 * <ul>
 *   <li>Every read — {@code getState}, range and partial composite key queries, history — sees the committed state as
 *       of the block height at which the transaction started. <b>A transaction does not read its own writes</b>: after
 *       {@code putState(k, v)}, {@code getState(k)} still returns the committed value, exactly as on a peer, so
 *       chaincode that relies on reading back its writes fails here as it would on the network.
 *   <li>{@code putState}/{@code delState} are buffered (the last write of a key wins; an empty value is a delete) and
 *       reach the state only through {@link #commit()}. {@link #discard()} drops them and the event.
 *   <li>{@code getState} of an absent key returns an empty array, not {@code null}, as the shim does.
 *   <li>Range queries skip composite keys when the start key is empty (the shim's U+0001 start), the end key is
 *       exclusive and {@code ""} means unbounded; keys are ordered by their UTF-8 bytes as in LevelDB.
 *   <li>Paginated queries return at most {@code pageSize} results and a bookmark that is the next key to read
 *       ({@code ""} when nothing is left), and, as on a peer, are refused in a transaction that has written and forbid
 *       writes after them.
 *   <li>{@code getHistoryForKey} lists committed modifications newest first.
 *   <li>{@code setEvent}: one event per transaction, the last call wins.
 *   <li>{@link #commit()} validates the reads first (MVCC and phantom checks) and fails with {@link
 *       ReadConflictException} when another transaction committed a conflicting write meanwhile.
 * </ul>
 *
 * <p>Operations that need a real peer (private data, rich queries, key-level endorsement, {@code invokeChaincode},
 * {@code getSignedProposal}) throw {@link UnsupportedOperationException}. A stub serves one transaction on one thread,
 * as on a peer.
 */
public final class InMemoryChaincodeStub extends PeerOnlyOperations {

    /** The channel name stubs report unless told otherwise; the platform's network uses the same. */
    public static final String DEFAULT_CHANNEL_ID = "pox";

    /** The shim's start for an unspecified start key: the first key after every composite (U+0000) key. */
    private static final String UNSPECIFIED_START_KEY = "\u0001";

    /** The shim's end of a partial composite key range: U+10FFFF, the largest code point. */
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private enum Phase {
        ACTIVE,
        COMMITTED,
        DISCARDED
    }

    private final InMemoryWorldState world;
    private final long snapshotHeight;
    private final LedgerIdentity creator;
    private final byte[] serializedCreator;
    private final ProposalHeader header;
    private final String channelId;
    private final Instant timestamp;
    private final List<String> args;
    private final Map<String, byte[]> transientData;
    private final String peerMspId;
    private final ReadSet reads = new ReadSet();
    private final NavigableMap<String, byte[]> writes = new TreeMap<>(Utf8KeyOrder.INSTANCE);
    private ChaincodeEvent event;
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private Phase phase = Phase.ACTIVE;

    private InMemoryChaincodeStub(final Builder builder) {
        this.world = builder.world;
        this.snapshotHeight = builder.world.height();
        this.creator = builder.creator;
        this.serializedCreator = builder.creator.serializedIdentity();
        this.header = ProposalHeader.forCreator(serializedCreator);
        this.channelId = builder.channelId;
        this.timestamp =
                builder.timestamp != null ? builder.timestamp : world.clock().instant();
        this.args = builder.invocationArgs();
        this.transientData = Map.copyOf(builder.transientData);
        this.peerMspId = builder.peerMspId != null ? builder.peerMspId : builder.creator.mspId();
    }

    /**
     * Validates this transaction's reads against the current state and, when they still hold, applies its writes and
     * its event atomically as the next block.
     *
     * @return the committed transaction
     * @throws ReadConflictException when a transaction committed meanwhile changed something this one read
     * @throws IllegalStateException when this transaction is already committed or discarded
     */
    public CommittedTransaction commit() {
        requireActive();
        phase = Phase.COMMITTED;
        try {
            return world.commit(header.txId(), timestamp, reads, writes, event);
        } catch (RuntimeException e) {
            phase = Phase.DISCARDED;
            throw e;
        }
    }

    /** Drops this transaction's writes and event; a second call, or one after {@link #commit()}, does nothing. */
    public void discard() {
        if (phase == Phase.ACTIVE) {
            phase = Phase.DISCARDED;
        }
    }

    /** @return the identity that submitted this transaction */
    public LedgerIdentity creator() {
        return creator;
    }

    @Override
    public List<byte[]> getArgs() {
        final List<byte[]> bytes = new ArrayList<>(args.size());
        args.forEach(arg -> bytes.add(arg.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.getFirst();
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }

    @Override
    public String getTxId() {
        return header.txId();
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public byte[] getState(final String key) {
        requireActive();
        Objects.requireNonNull(key, "key cannot be null");
        final KeyVersions.Version version = world.read(key, snapshotHeight);
        final boolean present = version != null && !version.isDelete();
        reads.recordKey(key, present ? version.block() : ReadSet.ABSENT);
        return present ? version.value().clone() : new byte[0];
    }

    @Override
    public void putState(final String key, final byte[] value) {
        requireActive();
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        requireNoPaginatedQuery();
        // Fabric's write set marks a write with an empty value as a delete.
        writes.put(key, value.length == 0 ? null : value.clone());
        writePerformed = true;
    }

    @Override
    public void delState(final String key) {
        requireActive();
        Objects.requireNonNull(key, "key cannot be null");
        requireNoPaginatedQuery();
        writes.put(key, null);
        writePerformed = true;
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        final String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        final String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return rangeQuery(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            final String startKey, final String endKey, final int pageSize, final String bookmark) {
        final String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        final String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return pagedQuery(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        final CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
            final String objectType, final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        final String prefix = compositePrefix(compositeKey);
        return rangeQuery(prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        final String prefix = compositePrefix(compositeKey);
        return pagedQuery(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        requireActive();
        Objects.requireNonNull(key, "key cannot be null");
        final List<HistoryEntry> entries = new ArrayList<>();
        world.history(key, snapshotHeight).forEach(version -> entries.add(HistoryEntry.of(version)));
        return SnapshotResults.of(entries);
    }

    @Override
    public void setEvent(final String name, final byte[] payload) {
        requireActive();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        final ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            builder.setPayload(ByteString.copyFrom(payload));
        }
        event = builder.build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return serializedCreator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        final Map<String, byte[]> copy = new HashMap<>();
        transientData.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    @Override
    public byte[] getBinding() {
        return header.binding().clone();
    }

    @Override
    public String getMspId() {
        return peerMspId;
    }

    private SnapshotResults<KeyValue> rangeQuery(final String start, final String end) {
        requireActive();
        final String upper = end.isEmpty() ? null : end;
        final List<VersionedKeyValue> rows =
                world.scan(start, upper, false, snapshotHeight, InMemoryWorldState.TOTAL_QUERY_LIMIT);
        return track(rows, reads.recordRange(start, upper), upper, QueryResponseMetadata.getDefaultInstance());
    }

    private SnapshotResults<KeyValue> pagedQuery(
            final String start, final String end, final int pageSize, final String bookmark) {
        requireActive();
        final String mark = bookmark == null ? "" : bookmark;
        if (pageSize == 0 && mark.isEmpty()) {
            // A peer treats this as an ordinary range query: no page, no bookmark, no read-only restriction.
            return rangeQuery(start, end);
        }
        if (writePerformed) {
            throw new IllegalStateException("txid [" + header.txId()
                    + "]: unsupported transaction. Paginated queries are supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
        final String from = mark.isEmpty() ? start : mark;
        final String upper = end.isEmpty() ? null : end;
        final int limit = pageSize > 0 && pageSize < InMemoryWorldState.TOTAL_QUERY_LIMIT
                ? pageSize
                : InMemoryWorldState.TOTAL_QUERY_LIMIT;
        List<VersionedKeyValue> rows = world.scan(from, upper, false, snapshotHeight, limit + 1);
        String next = "";
        if (rows.size() > limit) {
            next = rows.get(limit).key();
            rows = rows.subList(0, limit);
        }
        final QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(rows.size())
                .setBookmark(next)
                .build();
        return track(rows, reads.recordRange(from, upper), next.isEmpty() ? upper : next, metadata);
    }

    private static SnapshotResults<KeyValue> track(
            final List<VersionedKeyValue> rows,
            final RangeRead range,
            final String scannedEnd,
            final QueryResponseMetadata metadata) {
        return new SnapshotResults<>(
                rows,
                metadata,
                index -> range.consumed(rows.get(index).key(), rows.get(index).version()),
                () -> range.exhausted(scannedEnd));
    }

    private static String compositePrefix(final CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private void requireNoPaginatedQuery() {
        if (paginatedQueryPerformed) {
            throw new IllegalStateException("txid [" + header.txId()
                    + "]: unsupported transaction. Transaction has already performed a paginated query."
                    + " Writes are not allowed");
        }
    }

    private void requireActive() {
        if (phase != Phase.ACTIVE) {
            throw new IllegalStateException("transaction " + header.txId() + " is already "
                    + phase.name().toLowerCase(Locale.ROOT) + "; a stub serves exactly one transaction");
        }
    }

    private static void validateKey(final String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be an empty string");
        }
    }

    /**
     * Describes one transaction: who submits it, the invocation and its context. Obtain one from {@link
     * InMemoryWorldState#newTransaction(LedgerIdentity)}.
     */
    public static final class Builder {

        private final InMemoryWorldState world;
        private final LedgerIdentity creator;
        private String function;
        private List<String> parameters = List.of();
        private Instant timestamp;
        private String channelId = DEFAULT_CHANNEL_ID;
        private Map<String, byte[]> transientData = Map.of();
        private String peerMspId;

        Builder(final InMemoryWorldState world, final LedgerIdentity creator) {
            this.world = Objects.requireNonNull(world, "world");
            this.creator = Objects.requireNonNull(creator, "creator");
        }

        /**
         * @param name the invoked function, {@code "contract:Transaction"} (the first of {@code getArgs()})
         * @return this builder
         */
        public Builder function(final String name) {
            this.function = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param values the invocation's parameters ({@code getParameters()})
         * @return this builder
         */
        public Builder parameters(final String... values) {
            this.parameters = List.of(values);
            return this;
        }

        /**
         * @param value the transaction timestamp; defaults to the world state's clock
         * @return this builder
         */
        public Builder timestamp(final Instant value) {
            this.timestamp = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the channel name; defaults to {@value #DEFAULT_CHANNEL_ID}
         * @return this builder
         */
        public Builder channelId(final String value) {
            this.channelId = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param values the transient map ({@code getTransient()})
         * @return this builder
         */
        public Builder transientData(final Map<String, byte[]> values) {
            this.transientData = Map.copyOf(values);
            return this;
        }

        /**
         * @param value the executing peer's MSP ({@code getMspId()}); defaults to the creator's MSP
         * @return this builder
         */
        public Builder peerMspId(final String value) {
            this.peerMspId = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @return a stub for the transaction; its snapshot is the state committed now */
        public InMemoryChaincodeStub build() {
            return new InMemoryChaincodeStub(this);
        }

        /**
         * Runs the transaction and commits it if {@code transaction} returns; if it throws, nothing is written.
         *
         * @param transaction the chaincode call, given a fresh {@link Context}
         * @param <T> the chaincode's return type
         * @return what the transaction returned
         */
        public <T> T submit(final Function<Context, T> transaction) {
            final InMemoryChaincodeStub stub = build();
            final T result;
            try {
                result = transaction.apply(new Context(stub));
            } catch (RuntimeException | Error e) {
                stub.discard();
                throw e;
            }
            stub.commit();
            return result;
        }

        /**
         * Runs the transaction read-only: whatever it writes is discarded, as for a Fabric evaluate.
         *
         * @param transaction the chaincode call, given a fresh {@link Context}
         * @param <T> the chaincode's return type
         * @return what the transaction returned
         */
        public <T> T evaluate(final Function<Context, T> transaction) {
            final InMemoryChaincodeStub stub = build();
            try {
                return transaction.apply(new Context(stub));
            } finally {
                stub.discard();
            }
        }

        private List<String> invocationArgs() {
            if (function == null) {
                return parameters;
            }
            final List<String> all = new ArrayList<>(parameters.size() + 1);
            all.add(function);
            all.addAll(parameters);
            return List.copyOf(all);
        }
    }
}
