package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poxledger.ledger.fabric.GatewayErrors.detail;

import io.grpc.Status;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerException;

class GatewayFailureTest {

    @Property
    void recovers_any_chaincode_code_and_sentence_from_a_peer_detail(
            @ForAll("codes") String code, @ForAll("sentences") String sentence) {
        GatewayFailure failure = new GatewayFailure(
                Status.ABORTED.withDescription("failed to endorse transaction, see attached details for more info"),
                List.of(detail(
                        "127.0.0.1:7051", "PlatformOrgMSP", "chaincode response 500, " + code + ": " + sentence)));

        LedgerException e = failure.toLedgerException("submit members:RegisterMember", "tx1", null);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(sentence.strip());
        assertThat(e.transactionId()).contains("tx1");
    }

    @Test
    void a_code_at_the_start_of_the_description_is_recovered_too() {
        GatewayFailure failure = new GatewayFailure(
                Status.UNKNOWN.withDescription("SELF_TRANSFER: Member m_1 cannot pay itself"), List.of());

        assertThat(failure.chaincodeError())
                .contains(new GatewayFailure.ChaincodeError("SELF_TRANSFER", "Member m_1 cannot pay itself"));
    }

    @Test
    void an_unavailable_peer_is_never_read_as_a_chaincode_code() {
        GatewayFailure failure =
                new GatewayFailure(Status.UNAVAILABLE.withDescription("UNAVAILABLE: io exception"), List.of());

        assertThat(failure.toLedgerException("evaluate money:GetBalance", null, null)
                        .code())
                .isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
    }

    @Test
    void a_chaincode_service_that_is_down_or_died_mid_call_is_unavailable_not_a_chaincode_error() {
        for (String peerSays : List.of(
                "error in simulation: failed to execute transaction 7f: could not launch chaincode pox_1:ab: connection"
                        + " to pox_1:ab failed: error creating grpc connection to 127.0.0.1:9999: connection refused",
                "error in simulation: failed to execute transaction 7f: chaincode stream terminated",
                "error in simulation: failed to execute transaction 7f: timeout expired while executing transaction")) {
            GatewayFailure failure = new GatewayFailure(
                    Status.ABORTED.withDescription("failed to endorse transaction, see attached details for more info"),
                    List.of(detail("127.0.0.1:7051", "PlatformOrgMSP", peerSays)));

            LedgerException e = failure.toLedgerException("submit rewards:PayRewardChunk", "tx1", null);

            assertThat(e.code()).as(peerSays).isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("chaincode service did not run the proposal");
        }
    }

    @Test
    void mixed_case_words_before_a_colon_are_not_codes() {
        GatewayFailure failure = new GatewayFailure(
                Status.ABORTED.withDescription("failed to endorse transaction"),
                List.of(detail("127.0.0.1:7051", "PlatformOrgMSP", "chaincode response 500, Error: something broke")));

        assertThat(failure.chaincodeError()).isEmpty();
        assertThat(failure.toLedgerException("submit x:Y", "tx", null).code())
                .isEqualTo(LedgerException.CHAINCODE_ERROR);
    }

    @Test
    void describe_names_the_grpc_status_and_every_peer() {
        GatewayFailure failure = new GatewayFailure(
                Status.ABORTED.withDescription("failed"),
                List.of(detail("a:1", "AMSP", "one"), detail("b:2", "BMSP", "two")));

        assertThat(failure.describe()).isEqualTo("gRPC ABORTED: failed; peer a:1 (AMSP): one; peer b:2 (BMSP): two");
    }

    @Provide
    Arbitrary<String> codes() {
        Arbitrary<String> word =
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
        return word.list().ofMinSize(1).ofMaxSize(4).map(words -> String.join("_", words));
    }

    @Provide
    Arbitrary<String> sentences() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars('\n', 'é', '€')
                .ofMinLength(1)
                .ofMaxLength(200)
                .filter(s -> !s.isBlank());
    }
}
