package org.poxledger.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

class CompositeKeyTest {

    private final InMemoryChaincodeStub stub =
            new InMemoryWorldState().newTransaction(LedgerIdentity.operator()).build();

    @Test
    void encodes_a_composite_key_with_the_null_namespace_and_null_separators() {
        final CompositeKey key = stub.createCompositeKey("credit", "m1", "tx9");

        assertThat(key.toString()).isEqualTo("\u0000credit\u0000m1\u0000tx9\u0000");
    }

    @Test
    void encodes_a_key_without_attributes_as_namespace_type_and_separator() {
        assertThat(stub.createCompositeKey("member").toString()).isEqualTo("\u0000member\u0000");
    }

    @Test
    void splits_a_composite_key_into_its_type_and_attributes() {
        final CompositeKey key = stub.splitCompositeKey("\u0000credit\u0000m1\u0000tx9\u0000");

        assertThat(key.getObjectType()).isEqualTo("credit");
        assertThat(key.getAttributes()).containsExactly("m1", "tx9");
    }

    @Test
    void refuses_an_attribute_that_contains_the_separator() {
        assertThatThrownBy(() -> stub.createCompositeKey("member", "a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_to_split_a_simple_key() {
        assertThatThrownBy(() -> stub.splitCompositeKey("member1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_a_composite_key_as_the_bound_of_a_simple_range_query() {
        final String composite = stub.createCompositeKey("member", "m1").toString();

        assertThatThrownBy(() -> stub.getStateByRange(composite, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
