package org.poxledger.platform.reward;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.RewardLine;

/**
 * The Merkle tree over one cycle's reward entries, whose root the first chunk records on-chain and the seal checks; the
 * tree itself is the wire contract's {@link RewardMerkle}, this class adds the proofs.
 *
 * <ul>
 *   <li>Leaves are the entries sorted by member id (String order; ids are ASCII, so this is byte order), one leaf per
 *       member: {@code leaf = SHA-256(0x00 || canonical entry bytes)}, see {@link RewardMerkle#canonicalJson(RewardLine)}.
 *   <li>Inner nodes: {@code node = SHA-256(0x01 || left || right)}. The distinct prefixes keep a leaf from ever
 *       passing for an inner node (second-preimage attack).
 *   <li>A level with an odd number of nodes promotes its last node unchanged to the next level. Duplicating it instead
 *       (as Bitcoin does) would let two different entry lists share a root.
 *   <li>An empty cycle's root is {@code SHA-256} of no bytes.
 *   <li>A proof lists the siblings from the leaf upwards, each with its side; a promoted level contributes no step.
 * </ul>
 */
public final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    private final List<RewardLine> entries;
    private final List<byte[][]> levels;

    private MerkleTree(List<RewardLine> entries, List<byte[][]> levels) {
        this.entries = entries;
        this.levels = levels;
    }

    /**
     * @param entries the cycle's entries in any order
     * @return the tree over them, sorted by member id
     * @throws IllegalArgumentException when a member appears twice
     */
    public static MerkleTree of(Collection<RewardLine> entries) {
        List<RewardLine> sorted = entries.stream()
                .sorted(Comparator.comparing(RewardLine::memberId))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).memberId().equals(sorted.get(i - 1).memberId())) {
                throw new IllegalArgumentException(
                        "member " + sorted.get(i).memberId() + " has two entries in one cycle");
            }
        }
        return new MerkleTree(
                sorted,
                RewardMerkle.levels(sorted.stream().map(MerkleTree::leafHash).toArray(byte[][]::new)));
    }

    /** @return the root, 64 lower-case hex characters */
    public String root() {
        return RewardMerkle.rootOfLevels(levels);
    }

    /** @return the entries in leaf order */
    public List<RewardLine> entries() {
        return entries;
    }

    /** @return the proof of that member's entry, if the member has one */
    public Optional<MerkleProof> proof(String memberId) {
        int index = indexOf(memberId);
        if (index < 0) {
            return Optional.empty();
        }
        List<MerkleProof.Step> path = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            if (position % 2 == 1) {
                path.add(new MerkleProof.Step(MerkleProof.Side.LEFT, HEX.formatHex(level[position - 1])));
            } else if (position + 1 < level.length) {
                path.add(new MerkleProof.Step(MerkleProof.Side.RIGHT, HEX.formatHex(level[position + 1])));
            }
            position /= 2;
        }
        RewardLine entry = entries.get(index);
        return Optional.of(new MerkleProof(entry, index, HEX.formatHex(leafHash(entry)), path, root()));
    }

    /**
     * Recomputes the root from an entry and its path; needs nothing but the entry's six fields and the path.
     *
     * @param entry the entry as recorded (e.g. on-chain by {@code rewards:GetRewardEntry})
     * @param path the proof's steps, leaf upwards
     * @param expectedRoot the root to check against (e.g. {@code rewards:GetCycle}'s merkleRoot)
     * @return whether the entry is a leaf of the tree with that root
     */
    public static boolean verify(RewardLine entry, List<MerkleProof.Step> path, String expectedRoot) {
        return expectedRoot != null && recomputeRoot(entry, path).equalsIgnoreCase(expectedRoot);
    }

    /** @return the root that the entry and path lead to, hex */
    public static String recomputeRoot(RewardLine entry, List<MerkleProof.Step> path) {
        byte[] hash = leafHash(entry);
        for (MerkleProof.Step step : path) {
            byte[] sibling = HEX.parseHex(step.hash());
            hash = step.side() == MerkleProof.Side.LEFT ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
        }
        return HEX.formatHex(hash);
    }

    static byte[] leafHash(RewardLine entry) {
        return RewardMerkle.leafHash(entry);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return RewardMerkle.nodeHash(left, right);
    }

    private int indexOf(String memberId) {
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = entries.get(mid).memberId().compareTo(memberId);
            if (order == 0) {
                return mid;
            } else if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "MerkleTree[" + entries.size() + " entries, root " + root() + "]";
    }
}
