package org.poxledger.platform.reward;

import java.util.List;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.RewardLine;

/**
 * Evidence that one entry belongs to a cycle's Merkle root (see {@link MerkleTree} for the encoding).
 *
 * @param entry the proven entry
 * @param leafIndex its position among the cycle's entries sorted by member id
 * @param leafHash {@code SHA-256(0x00 || RewardMerkle.canonicalJson(entry))}, hex
 * @param path siblings from the leaf up to the root
 * @param root the root the path leads to, hex
 */
public record MerkleProof(RewardLine entry, int leafIndex, String leafHash, List<Step> path, String root) {

    public MerkleProof {
        path = List.copyOf(path);
    }

    /** Which side the sibling hash goes on when combining. */
    public enum Side {
        LEFT,
        RIGHT
    }

    /**
     * @param side the sibling's side: LEFT means {@code node(sibling, current)}, RIGHT {@code node(current, sibling)}
     * @param hash the sibling, hex
     */
    public record Step(Side side, String hash) {}

    /** @return the proven entry's canonical bytes, the leaf's preimage a member's browser recomputes */
    public String entryJson() {
        return RewardMerkle.canonicalJson(entry);
    }

    /** @return whether this proof leads from its entry to the given root */
    public boolean verifies(String expectedRoot) {
        return MerkleTree.verify(entry, path, expectedRoot);
    }
}
