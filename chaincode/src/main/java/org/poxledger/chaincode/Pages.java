package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.poxledger.contract.model.Page;

/**
 * Paged reads of an index range. Fabric allows paginated queries only in evaluate transactions, which is where every
 * list lives.
 */
final class Pages {

    private Pages() {}

    /**
     * @param stub the transaction's stub
     * @param range the partial composite key of the index
     * @param pageSize 1..1000, already checked
     * @param bookmark "" or a bookmark this range returned, already checked
     * @param item reads the item an index entry points at
     * @return the page; its bookmark is "" on the last page
     */
    static <T> Page<T> read(
            final ChaincodeStub stub,
            final CompositeKey range,
            final int pageSize,
            final String bookmark,
            final Function<CompositeKey, T> item) {
        final List<T> items = new ArrayList<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> entries =
                stub.getStateByPartialCompositeKeyWithPagination(range, pageSize, bookmark)) {
            for (final KeyValue entry : entries) {
                items.add(item.apply(stub.splitCompositeKey(entry.getKey())));
            }
            final QueryResponseMetadata metadata = entries.getMetadata();
            // A short page is the last one whatever the state database says: CouchDB hands out a bookmark even then.
            final String next = items.size() < pageSize || metadata == null ? "" : metadata.getBookmark();
            return new Page<>(next, items);
        }
    }

    /**
     * Like {@link #read}, but an index entry may point at nothing: a page covers {@code pageSize} index entries, so it
     * may hold fewer items, even none, while its bookmark leads on.
     *
     * @param stub the transaction's stub
     * @param range the partial composite key of the index
     * @param pageSize 1..1000, already checked
     * @param bookmark "" or a bookmark this range returned, already checked
     * @param item reads the item an index entry points at, if any
     * @return the page; its bookmark is "" on the last page
     */
    static <T> Page<T> readPresent(
            final ChaincodeStub stub,
            final CompositeKey range,
            final int pageSize,
            final String bookmark,
            final Function<KeyValue, Optional<T>> item) {
        final List<T> items = new ArrayList<>();
        int read = 0;
        try (QueryResultsIteratorWithMetadata<KeyValue> entries =
                stub.getStateByPartialCompositeKeyWithPagination(range, pageSize, bookmark)) {
            for (final KeyValue entry : entries) {
                read++;
                item.apply(entry).ifPresent(items::add);
            }
            final QueryResponseMetadata metadata = entries.getMetadata();
            final String next = read < pageSize || metadata == null ? "" : metadata.getBookmark();
            return new Page<>(next, items);
        }
    }
}
