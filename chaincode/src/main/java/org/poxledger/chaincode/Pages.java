package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.List;
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
}
