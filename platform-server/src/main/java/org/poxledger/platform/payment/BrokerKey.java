package org.poxledger.platform.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.poxledger.payword.Receipt;
import org.poxledger.payword.SpendingCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's Ed25519 signing key (JDK provider). It lives in one file, two base64 lines (PKCS#8 private key, X.509
 * public key), created owner-only on first use; every instance of the server given the same file signs alike.
 *
 * <p>Receipts are signed with Bouncy Castle's Ed25519: the JDK's provider signs about 1,300 receipts a second on this
 * machine's cores, Bouncy Castle about 25,000, and every accepted payment is one signature. Ed25519 is deterministic
 * (RFC 8032), so both sign the same bytes identically and any Ed25519 verifier checks them.
 */
final class BrokerKey {

    private static final Logger log = LoggerFactory.getLogger(BrokerKey.class);

    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;

    private BrokerKey(KeyPair pair) {
        PrivateKey jdkKey = pair.getPrivate();
        if (!(jdkKey instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalStateException("the broker key is not an Ed25519 private key with its seed");
        }
        this.privateKey = new Ed25519PrivateKeyParameters(edKey.getBytes().get());
        this.publicKey = pair.getPublic();
    }

    /**
     * @param file the key file; created with a fresh key when absent
     * @return the key in that file
     */
    static BrokerKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2) {
                throw new IllegalStateException("broker key file " + file + " must hold two base64 lines");
            }
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new BrokerKey(new KeyPair(
                    keys.generatePublic(new X509EncodedKeySpec(
                            Base64.getDecoder().decode(lines.get(1).strip()))),
                    keys.generatePrivate(new PKCS8EncodedKeySpec(
                            Base64.getDecoder().decode(lines.get(0).strip())))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker key file " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("broker key file " + file + " does not hold an Ed25519 key pair", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".broker-key", ".tmp");
        try {
            if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            // a second instance starting at the same moment keeps the key the first one wrote
            Files.move(temporary, file);
            log.info("created broker key {}", file);
        } catch (FileAlreadyExistsException e) {
            log.info("broker key {} was created by another instance", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return base64 of the X.509 SubjectPublicKeyInfo encoding, as {@code ReceiptVerifier} reads it */
    String publishedKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** @return a receipt for the payment, signed */
    Receipt sign(String channelId, long index, long amount, long acceptedAt) {
        return new Receipt(
                channelId,
                index,
                amount,
                acceptedAt,
                signature(Receipt.signedText(channelId, index, amount, acceptedAt)));
    }

    /** @return the Mini-Pay certificate with these terms, signed */
    SpendingCertificate certify(
            String channelId,
            String payerId,
            String day,
            long fromIndex,
            String fromWord,
            long unit,
            long limit,
            long issuedAt) {
        return new SpendingCertificate(
                channelId,
                payerId,
                day,
                fromIndex,
                fromWord,
                unit,
                limit,
                issuedAt,
                signature(SpendingCertificate.signedText(
                        channelId, payerId, day, fromIndex, fromWord, unit, limit, issuedAt)));
    }

    private String signature(byte[] text) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(text, 0, text.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }
}
