package org.poxledger.ledger.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The transaction id and binding a Fabric client derives from a fresh nonce: {@code txId = hex(SHA-256(nonce ||
 * creator))} and {@code binding = SHA-256(nonce || creator || epoch)}, so ids look and collide exactly as on a network.
 *
 * @param txId 64 lower-case hex characters
 * @param binding the proposal binding ({@code getBinding})
 */
record ProposalHeader(String txId, byte[] binding) {

    /** The Gateway client's nonce length. */
    private static final int NONCE_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    static ProposalHeader forCreator(final byte[] creator) {
        final byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        final MessageDigest digest = sha256();
        digest.update(nonce);
        digest.update(creator);
        final String txId = HexFormat.of().formatHex(digest.digest());
        digest.update(nonce);
        digest.update(creator);
        // The channel header epoch; Fabric always sends 0.
        digest.update(ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0L)
                .array());
        return new ProposalHeader(txId, digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
