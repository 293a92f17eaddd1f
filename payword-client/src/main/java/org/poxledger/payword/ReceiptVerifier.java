package org.poxledger.payword;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Checks what the broker signs, receipts and Mini-Pay spending certificates, against the broker's published Ed25519
 * public key ({@code GET /api/v1/public/payments/broker-key}).
 */
public final class ReceiptVerifier {

    private final PublicKey brokerKey;

    /** @param brokerKey the broker's Ed25519 public key */
    public ReceiptVerifier(final PublicKey brokerKey) {
        this.brokerKey = brokerKey;
    }

    /**
     * @param x509Base64 the key as published: base64 of its X.509 SubjectPublicKeyInfo encoding
     * @return a verifier for that key
     */
    public static ReceiptVerifier fromPublishedKey(final String x509Base64) {
        try {
            return new ReceiptVerifier(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    /**
     * @param receipt a receipt as the broker returned it
     * @return whether the broker signed exactly these fields
     */
    public boolean verify(final Receipt receipt) {
        return verify(receipt.signedText(), receipt.signature());
    }

    /**
     * @param certificate a spending certificate as the broker issued it
     * @return whether the broker signed exactly these fields
     */
    public boolean verify(final SpendingCertificate certificate) {
        return verify(certificate.signedText(), certificate.signature());
    }

    private boolean verify(final byte[] text, final String base64Signature) {
        if (base64Signature == null) {
            return false;
        }
        try {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(brokerKey);
            signature.update(text);
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
