package org.poxledger.ledger.memory;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntConsumer;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Query results taken from the transaction's snapshot of committed state. Like the shim's iterator it is single pass:
 * every {@link #iterator()} continues the same cursor, and after {@link #close()} nothing more is returned.
 *
 * @param <T> result type
 */
final class SnapshotResults<T> implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {

    private static final IntConsumer IGNORE_CONSUMED = index -> {};
    private static final Runnable IGNORE_EXHAUSTED = () -> {};

    private final List<? extends T> results;
    private final QueryResponseMetadata metadata;
    private final IntConsumer onConsumed;
    private final Runnable onExhausted;
    private final Iterator<T> cursor = new Cursor();
    private int position;
    private boolean exhausted;
    private boolean closed;

    SnapshotResults(
            final List<? extends T> results,
            final QueryResponseMetadata metadata,
            final IntConsumer onConsumed,
            final Runnable onExhausted) {
        this.results = results;
        this.metadata = metadata;
        this.onConsumed = onConsumed;
        this.onExhausted = onExhausted;
    }

    static <T> SnapshotResults<T> of(final List<? extends T> results) {
        return new SnapshotResults<>(
                results, QueryResponseMetadata.getDefaultInstance(), IGNORE_CONSUMED, IGNORE_EXHAUSTED);
    }

    @Override
    public Iterator<T> iterator() {
        return cursor;
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class Cursor implements Iterator<T> {

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            if (position < results.size()) {
                return true;
            }
            if (!exhausted) {
                exhausted = true;
                onExhausted.run();
            }
            return false;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more query results");
            }
            final int index = position++;
            onConsumed.accept(index);
            return results.get(index);
        }
    }
}
