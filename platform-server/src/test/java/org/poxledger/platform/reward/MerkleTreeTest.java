package org.poxledger.platform.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.RewardLine;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hashes_the_entry_as_sorted_key_json_without_white_space() {
        RewardLine entry = new RewardLine(12500, 3, 1, "m_1", 10000, 17500);

        assertThat(RewardMerkle.canonicalJson(entry))
                .isEqualTo("{\"amount\":12500,\"events\":3,\"level\":1,\"memberId\":\"m_1\",\"rateBps\":10000,"
                        + "\"scoreBps\":17500}");
    }

    @Test
    void builds_the_root_of_three_leaves_with_the_odd_one_promoted() throws Exception {
        RewardLine a = entry("a", 1);
        RewardLine b = entry("b", 2);
        RewardLine c = entry("c", 3);

        MerkleTree tree = MerkleTree.of(List.of(c, a, b));

        byte[] leafA = sha256(0x00, RewardMerkle.canonicalJson(a).getBytes(StandardCharsets.UTF_8));
        byte[] leafB = sha256(0x00, RewardMerkle.canonicalJson(b).getBytes(StandardCharsets.UTF_8));
        byte[] leafC = sha256(0x00, RewardMerkle.canonicalJson(c).getBytes(StandardCharsets.UTF_8));
        byte[] ab = sha256(0x01, concat(leafA, leafB));
        byte[] root = sha256(0x01, concat(ab, leafC));
        assertThat(tree.root()).isEqualTo(HEX.formatHex(root));
        assertThat(tree.proof("c").orElseThrow().path())
                .containsExactly(new MerkleProof.Step(MerkleProof.Side.LEFT, HEX.formatHex(ab)));
        assertThat(tree.proof("a").orElseThrow().path())
                .containsExactly(
                        new MerkleProof.Step(MerkleProof.Side.RIGHT, HEX.formatHex(leafB)),
                        new MerkleProof.Step(MerkleProof.Side.RIGHT, HEX.formatHex(leafC)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33})
    void every_member_s_proof_leads_to_the_root(int size) {
        List<RewardLine> entries = IntStream.range(0, size)
                .mapToObj(i -> entry("m_%03d".formatted(i), i + 1))
                .toList();
        MerkleTree tree = MerkleTree.of(entries);

        for (RewardLine entry : entries) {
            MerkleProof proof = tree.proof(entry.memberId()).orElseThrow();
            assertThat(proof.entry()).isEqualTo(entry);
            assertThat(proof.verifies(tree.root()))
                    .as("proof of %s", entry.memberId())
                    .isTrue();
            assertThat(MerkleTree.verify(entry, proof.path(), tree.root())).isTrue();
        }
    }

    @Test
    void the_root_does_not_depend_on_the_order_the_entries_come_in() {
        List<RewardLine> entries = new ArrayList<>(
                IntStream.range(0, 10).mapToObj(i -> entry("m" + i, i)).toList());
        String root = MerkleTree.of(entries).root();
        Collections.reverse(entries);

        assertThat(MerkleTree.of(entries).root()).isEqualTo(root);
    }

    @Test
    void rejects_a_proof_whose_entry_was_tampered_with() {
        MerkleTree tree = MerkleTree.of(
                IntStream.range(0, 6).mapToObj(i -> entry("m" + i, 100)).toList());
        MerkleProof proof = tree.proof("m3").orElseThrow();
        RewardLine inflated = new RewardLine(101, 1, 1, "m3", 10000, 10000);

        assertThat(MerkleTree.verify(inflated, proof.path(), tree.root())).isFalse();
    }

    @Test
    void rejects_a_proof_whose_path_was_tampered_with() {
        MerkleTree tree = MerkleTree.of(
                IntStream.range(0, 6).mapToObj(i -> entry("m" + i, 100)).toList());
        MerkleProof proof = tree.proof("m3").orElseThrow();
        List<MerkleProof.Step> flippedHash = new ArrayList<>(proof.path());
        MerkleProof.Step first = flippedHash.getFirst();
        char c = first.hash().charAt(0);
        flippedHash.set(
                0,
                new MerkleProof.Step(
                        first.side(), (c == '0' ? '1' : '0') + first.hash().substring(1)));
        List<MerkleProof.Step> swappedSide = new ArrayList<>(proof.path());
        swappedSide.set(
                0,
                new MerkleProof.Step(
                        first.side() == MerkleProof.Side.LEFT ? MerkleProof.Side.RIGHT : MerkleProof.Side.LEFT,
                        first.hash()));

        assertThat(MerkleTree.verify(proof.entry(), flippedHash, tree.root())).isFalse();
        assertThat(MerkleTree.verify(proof.entry(), swappedSide, tree.root())).isFalse();
        assertThat(MerkleTree.verify(
                        proof.entry(), proof.path().subList(1, proof.path().size()), tree.root()))
                .isFalse();
    }

    @Test
    void rejects_a_valid_proof_against_another_cycle_s_root() {
        MerkleTree one = MerkleTree.of(List.of(entry("a", 1), entry("b", 2)));
        MerkleTree other = MerkleTree.of(List.of(entry("a", 1), entry("b", 3)));

        assertThat(one.proof("a").orElseThrow().verifies(other.root())).isFalse();
        assertThat(one.proof("a").orElseThrow().verifies(null)).isFalse();
    }

    @Test
    void a_leaf_cannot_pass_for_an_inner_node() throws Exception {
        RewardLine a = entry("a", 1);
        RewardLine b = entry("b", 2);
        MerkleTree tree = MerkleTree.of(List.of(a, b));
        byte[] unprefixedPair = sha256(
                0x00,
                concat(
                        sha256(0x00, RewardMerkle.canonicalJson(a).getBytes(StandardCharsets.UTF_8)),
                        sha256(0x00, RewardMerkle.canonicalJson(b).getBytes(StandardCharsets.UTF_8))));

        assertThat(tree.root()).isNotEqualTo(HEX.formatHex(unprefixedPair));
    }

    @Test
    void an_empty_cycle_has_the_hash_of_nothing_as_root_and_no_proofs() throws Exception {
        MerkleTree empty = MerkleTree.of(List.of());

        assertThat(empty.root())
                .isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])));
        assertThat(empty.proof("anyone")).isEmpty();
    }

    @Test
    void refuses_two_entries_of_one_member() {
        assertThatThrownBy(() -> MerkleTree.of(List.of(entry("a", 1), entry("a", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member a has two entries");
    }

    private static RewardLine entry(String memberId, long amount) {
        return new RewardLine(amount, 1, 1, memberId, 10000, 10000);
    }

    private static byte[] sha256(int prefix, byte[] data) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((byte) prefix);
        return digest.digest(data);
    }

    private static byte[] concat(byte[] left, byte[] right) {
        byte[] both = new byte[left.length + right.length];
        System.arraycopy(left, 0, both, 0, left.length);
        System.arraycopy(right, 0, both, left.length, right.length);
        return both;
    }
}
