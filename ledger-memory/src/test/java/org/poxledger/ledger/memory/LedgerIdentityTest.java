package org.poxledger.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class LedgerIdentityTest {

    private final InMemoryWorldState world = new InMemoryWorldState();

    @Test
    void presents_the_operator_to_chaincode_with_its_msp_role_and_attribute() {
        final ClientIdentity identity = clientIdentityOf(LedgerIdentity.operator());

        assertThat(identity.getMSPID()).isEqualTo("PlatformOrgMSP");
        assertThat(identity.getAttributeValue("pox.role")).isEqualTo("operator");
        assertThat(identity.assertAttributeValue("pox.role", "operator")).isTrue();
        assertThat(organizationalUnits(identity)).containsExactly("admin");
        assertThat(identity.getId()).isEqualTo("x509::CN=operator, OU=admin::CN=ca.platformorgmsp, O=PlatformOrgMSP");
    }

    @Test
    void presents_a_foreign_client_without_attributes() {
        final ClientIdentity identity = clientIdentityOf(LedgerIdentity.of("AuditorOrgMSP", "client"));

        assertThat(identity.getMSPID()).isEqualTo("AuditorOrgMSP");
        assertThat(identity.getAttributeValue("pox.role")).isNull();
        assertThat(organizationalUnits(identity)).containsExactly("client");
        assertThat(identity.getId()).contains("CN=client@auditororgmsp");
    }

    @Test
    void carries_every_attribute_it_was_given() {
        final LedgerIdentity clerk = LedgerIdentity.builder("PlatformOrgMSP")
                .commonName("clerk1")
                .attribute("pox.role", "clerk")
                .attribute("hf.EnrollmentID", "clerk1")
                .build();

        final ClientIdentity identity = clientIdentityOf(clerk);

        assertThat(identity.getAttributeValue("pox.role")).isEqualTo("clerk");
        assertThat(identity.getAttributeValue("hf.EnrollmentID")).isEqualTo("clerk1");
        assertThat(organizationalUnits(identity)).containsExactly("client");
    }

    @Test
    void serializes_as_an_msp_serialized_identity_holding_the_pem_certificate() throws Exception {
        final LedgerIdentity operator = LedgerIdentity.operator();

        final SerializedIdentity serialized = SerializedIdentity.parseFrom(operator.serializedIdentity());

        assertThat(serialized.getMspid()).isEqualTo("PlatformOrgMSP");
        assertThat(serialized.getIdBytes().toStringUtf8())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .isEqualTo(operator.certificatePem());
    }

    @Test
    void issues_certificates_signed_by_the_ca_of_their_msp() throws Exception {
        final LedgerIdentity operator = LedgerIdentity.operator();
        final LedgerIdentity peer = LedgerIdentity.of("PlatformOrgMSP", "peer");

        assertThat(operator.certificate().getIssuerX500Principal())
                .isEqualTo(peer.certificate().getIssuerX500Principal());
        assertThat(operator.privateKey().getAlgorithm()).isEqualTo("EC");
        operator.certificate().checkValidity();
    }

    @Test
    void makes_each_identity_once_and_reuses_it() {
        assertThat(LedgerIdentity.operator()).isSameAs(LedgerIdentity.operator());
        assertThat(LedgerIdentity.of("AuditorOrgMSP", "client"))
                .isNotSameAs(LedgerIdentity.of("AuditorOrgMSP", "admin"));
    }

    private ClientIdentity clientIdentityOf(final LedgerIdentity identity) {
        return new Context(world.newTransaction(identity).build()).getClientIdentity();
    }

    private static List<String> organizationalUnits(final ClientIdentity identity) {
        try {
            return new LdapName(identity.getX509Certificate()
                            .getSubjectX500Principal()
                            .getName())
                    .getRdns().stream()
                            .filter(rdn -> rdn.getType().equalsIgnoreCase("OU"))
                            .map(Rdn::getValue)
                            .map(String::valueOf)
                            .toList();
        } catch (InvalidNameException e) {
            throw new AssertionError(e);
        }
    }
}
