package org.poxledger.ledger.memory;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A client identity of a Fabric organisation with a real X.509 certificate (ECDSA P-256), issued by a per-MSP
 * certificate authority. As with cryptogen's NodeOUs the role is the subject's OU ({@code admin}, {@code client},
 * {@code peer}, ...); attributes go into the Fabric CA extension (OID 1.2.3.4.5.6.7.8.1, {@code {"attrs":{...}}}), so
 * {@code ctx.getClientIdentity()} answers {@code getMSPID()}, {@code getId()}, {@code getAttributeValue()} and OU
 * checks on the certificate exactly as it does on a peer.
 *
 * <pre>{@code
 * LedgerIdentity operator = LedgerIdentity.operator();                 // PlatformOrgMSP, OU admin, pox.role=operator
 * LedgerIdentity auditor = LedgerIdentity.of("AuditorOrgMSP", "client");
 * LedgerIdentity clerk = LedgerIdentity.builder("PlatformOrgMSP").role("client").commonName("clerk1")
 *         .attribute("pox.role", "clerk").build();
 * }</pre>
 *
 * <p>Identities are cached by their description: asking twice for the same one returns the same keys and certificate,
 * because generating them is the slow part of a test.
 */
public final class LedgerIdentity {

    /** The platform operator's MSP, as the chaincode expects it by default. */
    public static final String OPERATOR_MSP_ID = "PlatformOrgMSP";

    private static final ConcurrentMap<Description, LedgerIdentity> CACHE = new ConcurrentHashMap<>();

    private final Description description;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String certificatePem;
    private final byte[] serializedIdentity;

    private LedgerIdentity(final Description description, final IssuedCertificate issued) {
        this.description = description;
        this.certificate = issued.certificate();
        this.privateKey = issued.privateKey();
        this.certificatePem = issued.pem();
        this.serializedIdentity = SerializedIdentity.newBuilder()
                .setMspid(description.mspId())
                .setIdBytes(ByteString.copyFrom(certificatePem, StandardCharsets.UTF_8))
                .build()
                .toByteArray();
    }

    /** @return the platform operator: MSP {@value #OPERATOR_MSP_ID}, OU {@code admin}, attribute pox.role=operator */
    public static LedgerIdentity operator() {
        return builder(OPERATOR_MSP_ID)
                .role("admin")
                .commonName("operator")
                .attribute("pox.role", "operator")
                .build();
    }

    /**
     * @param mspId the organisation's MSP id, e.g. {@code AuditorOrgMSP}
     * @param role the node OU, e.g. {@code client}
     * @return an identity without attributes
     */
    public static LedgerIdentity of(final String mspId, final String role) {
        return builder(mspId).role(role).build();
    }

    /**
     * @param mspId the organisation's MSP id
     * @return a builder; the role defaults to {@code client}
     */
    public static Builder builder(final String mspId) {
        return new Builder(mspId);
    }

    /** @return the MSP id ({@code ClientIdentity.getMSPID()}) */
    public String mspId() {
        return description.mspId();
    }

    /** @return the node OU in the certificate subject */
    public String role() {
        return description.role();
    }

    /** @return the certificate subject's CN */
    public String commonName() {
        return description.commonName();
    }

    /** @return the Fabric CA attributes in the certificate, sorted by name */
    public SortedMap<String, String> attributes() {
        return new TreeMap<>(description.attributes());
    }

    /** @return the X.509 certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /** @return the certificate, PEM-encoded, as Fabric puts it in a serialized identity */
    public String certificatePem() {
        return certificatePem;
    }

    /** @return the private key matching the certificate */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the {@code msp.SerializedIdentity} protobuf a transaction carries as its creator */
    public byte[] serializedIdentity() {
        return serializedIdentity.clone();
    }

    @Override
    public String toString() {
        return "LedgerIdentity[" + description + "]";
    }

    /** What identifies an identity in the cache. */
    record Description(String mspId, String role, String commonName, SortedMap<String, String> attributes) {

        Description {
            attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }
    }

    /** Describes an identity; {@link #build()} returns the cached one when it was made before. */
    public static final class Builder {

        private final String mspId;
        private String role = "client";
        private String commonName;
        private final SortedMap<String, String> attributes = new TreeMap<>();

        private Builder(final String mspId) {
            this.mspId = requireText("mspId", mspId);
        }

        /**
         * @param value the node OU: {@code admin}, {@code client}, {@code peer} or {@code orderer}
         * @return this builder
         */
        public Builder role(final String value) {
            this.role = requireText("role", value);
            return this;
        }

        /**
         * @param value the certificate's CN; defaults to {@code role@mspid}
         * @return this builder
         */
        public Builder commonName(final String value) {
            this.commonName = requireText("commonName", value);
            return this;
        }

        /**
         * @param name attribute name, e.g. {@code pox.role}
         * @param value attribute value
         * @return this builder
         */
        public Builder attribute(final String name, final String value) {
            attributes.put(requireText("attribute name", name), Objects.requireNonNull(value, "attribute value"));
            return this;
        }

        /**
         * @param values attributes to add
         * @return this builder
         */
        public Builder attributes(final Map<String, String> values) {
            values.forEach(this::attribute);
            return this;
        }

        /** @return the identity, generated on first use and cached afterwards */
        public LedgerIdentity build() {
            final String cn = commonName != null ? commonName : role + "@" + mspId.toLowerCase(Locale.ROOT);
            final Description description = new Description(mspId, role, cn, attributes);
            return CACHE.computeIfAbsent(description, d -> new LedgerIdentity(d, CertificateIssuer.issue(d)));
        }

        private static String requireText(final String what, final String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, got " + value);
            }
            return value;
        }
    }
}
