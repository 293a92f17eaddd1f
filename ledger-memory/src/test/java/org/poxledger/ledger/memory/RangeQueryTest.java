package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RangeQueryTest {

    private final InMemoryWorldState world = new InMemoryWorldState();
    private final LedgerIdentity operator = LedgerIdentity.operator();

    @BeforeEach
    void seed() {
        world.submit(operator, ctx -> {
            final ChaincodeStub stub = ctx.getStub();
            for (final String key : List.of("d", "b", "a", "c", "e")) {
                stub.putStringState(key, key.toUpperCase());
            }
            for (final String member : List.of("m3", "m1", "m2")) {
                stub.putStringState(stub.createCompositeKey("member", member).toString(), member);
                stub.putStringState(
                        stub.createCompositeKey("credit", member, "tx1").toString(), "5");
            }
            stub.putStringState(stub.createCompositeKey("credit", "m1", "tx2").toString(), "7");
            return null;
        });
    }

    @Test
    void returns_simple_keys_in_key_order_with_an_exclusive_end() {
        assertThat(keys(stub().getStateByRange("b", "d"))).containsExactly("b", "c");
    }

    @Test
    void skips_composite_keys_when_the_range_is_open() {
        assertThat(keys(stub().getStateByRange("", ""))).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void returns_nothing_for_an_inverted_range() {
        assertThat(keys(stub().getStateByRange("d", "b"))).isEmpty();
    }

    @Test
    void finds_composite_keys_by_type_and_leading_attributes() {
        final InMemoryChaincodeStub stub = stub();

        assertThat(keys(stub.getStateByPartialCompositeKey("member")))
                .containsExactly(composite("member", "m1"), composite("member", "m2"), composite("member", "m3"));
        assertThat(keys(stub.getStateByPartialCompositeKey("credit", "m1")))
                .containsExactly(composite("credit", "m1", "tx1"), composite("credit", "m1", "tx2"));
        assertThat(keys(stub.getStateByPartialCompositeKey(new CompositeKey("credit", "m2"))))
                .containsExactly(composite("credit", "m2", "tx1"));
    }

    @Test
    void orders_keys_by_their_utf8_bytes_as_leveldb_does() {
        // U+FFFD sorts before U+1F600 in UTF-8 (and code points) but after its surrogates in UTF-16.
        world.submit(operator, ctx -> {
            ctx.getStub().putStringState(composite("emoji", "\uD83D\uDE00"), "grin");
            ctx.getStub().putStringState(composite("emoji", "\uFFFD"), "replacement");
            return null;
        });

        assertThat(keys(stub().getStateByPartialCompositeKey("emoji")))
                .containsExactly(composite("emoji", "\uFFFD"), composite("emoji", "\uD83D\uDE00"));
    }

    @Test
    void does_not_see_the_writes_of_the_running_transaction() {
        final InMemoryChaincodeStub stub = stub();
        stub.putStringState("bb", "new");
        stub.delState("c");

        assertThat(keys(stub.getStateByRange("b", "d"))).containsExactly("b", "c");
    }

    @Test
    void pages_through_a_range_with_bookmarks() {
        final List<String> seen = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            try (QueryResultsIteratorWithMetadata<KeyValue> page =
                    stub().getStateByRangeWithPagination("", "", 2, bookmark)) {
                final List<String> keys = keys(page);
                seen.addAll(keys);
                assertThat(page.getMetadata().getFetchedRecordsCount()).isEqualTo(keys.size());
                bookmark = page.getMetadata().getBookmark();
            }
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void gives_the_next_key_as_bookmark_and_an_empty_one_on_the_last_page() {
        try (QueryResultsIteratorWithMetadata<KeyValue> first =
                stub().getStateByPartialCompositeKeyWithPagination(new CompositeKey("member"), 2, "")) {
            assertThat(keys(first)).containsExactly(composite("member", "m1"), composite("member", "m2"));
            assertThat(first.getMetadata().getBookmark()).isEqualTo(composite("member", "m3"));
        }
        try (QueryResultsIteratorWithMetadata<KeyValue> last = stub().getStateByPartialCompositeKeyWithPagination(
                        new CompositeKey("member"), 2, composite("member", "m3"))) {
            assertThat(keys(last)).containsExactly(composite("member", "m3"));
            assertThat(last.getMetadata().getBookmark()).isEmpty();
            assertThat(last.getMetadata().getFetchedRecordsCount()).isEqualTo(1);
        }
    }

    @Test
    void refuses_a_paginated_query_after_a_write_as_a_peer_does() {
        final InMemoryChaincodeStub stub = stub();
        stub.putStringState("z", "1");

        assertThatThrownBy(() -> stub.getStateByRangeWithPagination("", "", 2, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only transaction");
    }

    @Test
    void refuses_a_write_after_a_paginated_query_as_a_peer_does() {
        final InMemoryChaincodeStub stub = stub();
        stub.getStateByRangeWithPagination("", "", 2, "").close();

        assertThatThrownBy(() -> stub.putStringState("z", "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Writes are not allowed");
    }

    @Test
    void stops_returning_results_once_closed() {
        final QueryResultsIterator<KeyValue> results = stub().getStateByRange("", "");
        final var cursor = results.iterator();
        assertThat(cursor.next().getKey()).isEqualTo("a");

        results.close();

        assertThat(cursor.hasNext()).isFalse();
    }

    @Test
    void returns_values_with_their_keys() {
        final KeyValue first = stub().getStateByRange("a", "b").iterator().next();

        assertThat(first.getKey()).isEqualTo("a");
        assertThat(first.getStringValue()).isEqualTo("A");
        assertThat(new String(first.getValue(), UTF_8)).isEqualTo("A");
    }

    private InMemoryChaincodeStub stub() {
        return world.newTransaction(operator).build();
    }

    private static String composite(final String type, final String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private static List<String> keys(final Iterable<KeyValue> results) {
        final List<String> keys = new ArrayList<>();
        results.forEach(kv -> keys.add(kv.getKey()));
        return keys;
    }
}
