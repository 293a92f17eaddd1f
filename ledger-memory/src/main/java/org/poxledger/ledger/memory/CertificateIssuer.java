package org.poxledger.ledger.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues identity certificates shaped like Fabric's: ECDSA P-256 keys, one self-signed CA per MSP ({@code
 * CN=ca.<msp>}), the role as subject OU (cryptogen NodeOUs) and attributes in the Fabric CA extension.
 */
final class CertificateIssuer {

    /** Where Fabric CA puts enrollment attributes; ClientIdentity reads them from here. */
    static final ASN1ObjectIdentifier FABRIC_ATTRIBUTES_OID = new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1");

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentMap<String, Authority> AUTHORITIES = new ConcurrentHashMap<>();

    private record Authority(X500Name name, KeyPair keys, X509Certificate certificate) {}

    private CertificateIssuer() {}

    static IssuedCertificate issue(final LedgerIdentity.Description description) {
        final Authority authority = AUTHORITIES.computeIfAbsent(description.mspId(), CertificateIssuer::newAuthority);
        final KeyPair keys = newKeyPair();
        final X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.OU, description.role())
                .addRDN(BCStyle.CN, description.commonName())
                .build();
        try {
            final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            final X509v3CertificateBuilder builder = newBuilder(authority.name(), subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(authority.certificate()));
            if (!description.attributes().isEmpty()) {
                // The extension value is the raw JSON, as Fabric CA writes it (not a DER string inside).
                builder.addExtension(FABRIC_ATTRIBUTES_OID, false, attributesJson(description.attributes()));
            }
            final X509Certificate certificate = sign(builder, authority.keys());
            return new IssuedCertificate(certificate, keys.getPrivate(), pem(certificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + description, e);
        }
    }

    private static Authority newAuthority(final String mspId) {
        final KeyPair keys = newKeyPair();
        final X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, mspId)
                .addRDN(BCStyle.CN, "ca." + mspId.toLowerCase(Locale.ROOT))
                .build();
        try {
            final X509v3CertificateBuilder builder = newBuilder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(name, keys, sign(builder, keys));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the certificate authority of " + mspId, e);
        }
    }

    private static X509v3CertificateBuilder newBuilder(
            final X500Name issuer, final X500Name subject, final KeyPair subjectKeys) {
        // Back-dated an hour so that a peer or verifier with a slightly late clock still accepts it.
        final Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(notBefore.plus(VALIDITY)),
                subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final KeyPair issuerKeys)
            throws GeneralSecurityException {
        try {
            final ContentSigner signer =
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + SIGNATURE_ALGORITHM + " signer", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform cannot generate P-256 keys", e);
        }
    }

    private static byte[] attributesJson(final Map<String, String> attributes) {
        try {
            return JSON.writeValueAsBytes(Map.of("attrs", attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode certificate attributes " + attributes, e);
        }
    }

    private static String pem(final X509Certificate certificate) throws CertificateEncodingException {
        final Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n"
                + encoder.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
