package org.poxledger.chaincode;

import java.security.cert.X509Certificate;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.poxledger.contract.ErrorCode;

/**
 * Who may write (DESIGN §9): only the platform operator, i.e. an identity of the operator MSP that is either an admin
 * by node OU ({@code OU=admin} in the certificate subject) or carries the Fabric CA attribute
 * {@code pox.role=operator}. Reads are open to every channel member, so only submit transactions call this.
 */
final class AccessPolicy {

    static final String OPERATOR_MSP_ENV = "POX_OPERATOR_MSP";
    static final String DEFAULT_OPERATOR_MSP = "PlatformOrgMSP";
    static final String ADMIN_OU = "admin";
    static final String ROLE_ATTRIBUTE = "pox.role";
    static final String OPERATOR_ROLE = "operator";

    private final String operatorMsp;

    AccessPolicy(final String operatorMsp) {
        this.operatorMsp = operatorMsp;
    }

    /**
     * The operator MSP comes from the peer-side environment, so an organisation that names its MSP differently
     * configures the chaincode service instead of rebuilding it.
     *
     * @return the policy for {@code $POX_OPERATOR_MSP}, or {@value #DEFAULT_OPERATOR_MSP} when unset
     */
    static AccessPolicy fromEnvironment() {
        final String configured = System.getenv(OPERATOR_MSP_ENV);
        return new AccessPolicy(configured == null || configured.isBlank() ? DEFAULT_OPERATOR_MSP : configured.trim());
    }

    /**
     * Refuses the transaction unless the caller is the platform operator. Called first in every submit transaction,
     * before the arguments are looked at, so a foreign identity learns nothing about the state.
     *
     * @param ctx the transaction context
     * @throws org.hyperledger.fabric.shim.ChaincodeException ACCESS_DENIED
     */
    void requireOperator(final Context ctx) {
        final ClientIdentity identity = ctx.getClientIdentity();
        final String transaction = ctx.getStub().getFunction();
        if (identity == null) {
            throw LedgerRefusal.of(
                    ErrorCode.ACCESS_DENIED,
                    "%s needs the platform operator identity; the caller has none",
                    transaction);
        }
        final boolean operatorMsp = this.operatorMsp.equals(identity.getMSPID());
        if (!operatorMsp || !(hasAdminOu(identity.getX509Certificate()) || hasOperatorRole(identity))) {
            throw LedgerRefusal.of(
                    ErrorCode.ACCESS_DENIED,
                    "%s may only be submitted by the platform operator (MSP %s with OU %s or attribute %s=%s); "
                            + "the caller is %s of MSP %s",
                    transaction,
                    this.operatorMsp,
                    ADMIN_OU,
                    ROLE_ATTRIBUTE,
                    OPERATOR_ROLE,
                    identity.getId(),
                    identity.getMSPID());
        }
    }

    private static boolean hasOperatorRole(final ClientIdentity identity) {
        return OPERATOR_ROLE.equals(identity.getAttributeValue(ROLE_ATTRIBUTE));
    }

    private static boolean hasAdminOu(final X509Certificate certificate) {
        if (certificate == null) {
            return false;
        }
        try {
            final LdapName subject =
                    new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (final Rdn rdn : subject.getRdns()) {
                final Attribute units = rdn.toAttributes().get("OU");
                if (units != null && containsAdmin(units.getAll())) {
                    return true;
                }
            }
            return false;
        } catch (NamingException e) {
            return false;
        }
    }

    private static boolean containsAdmin(final NamingEnumeration<?> values) throws NamingException {
        while (values.hasMore()) {
            if (ADMIN_OU.equals(String.valueOf(values.next()))) {
                return true;
            }
        }
        return false;
    }
}
