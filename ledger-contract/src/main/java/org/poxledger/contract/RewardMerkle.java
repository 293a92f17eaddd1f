package org.poxledger.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.poxledger.contract.model.RewardLine;

/**
 * The Merkle tree over one cycle's reward entries, as a wire fact: the server computes the root it declares in every
 * chunk, {@code rewards:SealCycle} recomputes it from the recorded entries, and any member can check a proof.
 *
 * <ul>
 *   <li>Leaves are the entries sorted by member id (ids are ASCII, so String order is byte order, which is also the
 *       order of the chaincode's {@code reward~cycleId~memberId} keys), one leaf per member:
 *       {@code leaf = SHA-256(0x00 || canonical entry bytes)}, see {@link #canonicalJson(RewardLine)}.
 *   <li>Inner nodes: {@code node = SHA-256(0x01 || left || right)}. The distinct prefixes keep a leaf from ever passing
 *       for an inner node (second-preimage attack).
 *   <li>A level with an odd number of nodes promotes its last node unchanged to the next level. Duplicating it instead
 *       (as Bitcoin does) would let two different entry lists share a root.
 *   <li>An empty cycle's root is {@code SHA-256} of no bytes.
 * </ul>
 */
public final class RewardMerkle {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final HexFormat HEX = HexFormat.of();

    private RewardMerkle() {}

    /**
     * The canonical bytes hashed into a leaf: the entry's six fields as JSON, keys sorted, no white space, integers in
     * decimal (member ids need no escaping, see the id pattern). Anyone holding the on-chain {@code RewardEntry} can
     * rebuild them.
     *
     * @param line the entry
     * @return e.g. {@code {"amount":12500,"events":3,"level":1,"memberId":"m1","rateBps":10000,"scoreBps":17500}}
     */
    public static String canonicalJson(final RewardLine line) {
        return "{\"amount\":" + line.amount()
                + ",\"events\":" + line.events()
                + ",\"level\":" + line.level()
                + ",\"memberId\":\"" + line.memberId() + "\""
                + ",\"rateBps\":" + line.rateBps()
                + ",\"scoreBps\":" + line.scoreBps()
                + "}";
    }

    /** @return {@code SHA-256(0x00 || canonical bytes)} */
    public static byte[] leafHash(final RewardLine line) {
        final byte[] canonical = canonicalJson(line).getBytes(StandardCharsets.UTF_8);
        final byte[] input = new byte[canonical.length + 1];
        input[0] = LEAF_PREFIX;
        System.arraycopy(canonical, 0, input, 1, canonical.length);
        return sha256(input);
    }

    /** @return {@code SHA-256(0x01 || left || right)} */
    public static byte[] nodeHash(final byte[] left, final byte[] right) {
        final byte[] input = new byte[1 + left.length + right.length];
        input[0] = NODE_PREFIX;
        System.arraycopy(left, 0, input, 1, left.length);
        System.arraycopy(right, 0, input, 1 + left.length, right.length);
        return sha256(input);
    }

    /**
     * @param leaves leaf hashes in leaf order
     * @return every level from the leaves (index 0) up to the root level, odd last nodes promoted
     */
    public static List<byte[][]> levels(final byte[][] leaves) {
        final List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leaves;
        levels.add(level);
        while (level.length > 1) {
            final byte[][] parent = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < level.length; i += 2) {
                parent[i / 2] = i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i];
            }
            levels.add(parent);
            level = parent;
        }
        return levels;
    }

    /**
     * @param leaves leaf hashes in leaf order
     * @return the root, 64 lower-case hex characters
     */
    public static String root(final byte[][] leaves) {
        return rootOfLevels(levels(leaves));
    }

    /**
     * @param levels the levels {@link #levels(byte[][])} built
     * @return their root, 64 lower-case hex characters
     */
    public static String rootOfLevels(final List<byte[][]> levels) {
        final byte[][] top = levels.getLast();
        return HEX.formatHex(top.length == 0 ? sha256(new byte[0]) : top[0]);
    }

    /**
     * @param lines the entries sorted by member id
     * @return their root
     */
    public static String rootOf(final List<RewardLine> lines) {
        return root(lines.stream().map(RewardMerkle::leafHash).toArray(byte[][]::new));
    }

    private static byte[] sha256(final byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
