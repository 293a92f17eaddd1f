package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

class EmbeddedLedgerTest {

    private final EmbeddedLedger ledger = EmbeddedLedger.builder()
            .chaincode(ContractRouters.shared())
            .identity(LedgerIdentity.operator())
            .clock(new StepClock())
            .open();

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void commits_a_submitted_transaction_as_the_next_block() {
        final LedgerResult first = ledger.submit("counter:Increment", "visits", "2");
        final LedgerResult second = ledger.submit("counter:Increment", "visits", "3");

        assertThat(first.blockNumber()).isEqualTo(1);
        assertThat(second.blockNumber()).isEqualTo(2);
        assertThat(second.payloadText()).isEqualTo("5");
        assertThat(second.transactionId()).hasSize(64).isNotEqualTo(first.transactionId());
        assertThat(new String(ledger.evaluate("counter:Get", "visits"), UTF_8)).isEqualTo("5");
    }

    @Test
    void discards_the_writes_and_event_of_an_evaluated_transaction() {
        final byte[] payload = ledger.evaluate("counter:Increment", "visits", "2");

        assertThat(new String(payload, UTF_8)).isEqualTo("2");
        assertThat(ledger.worldState().height()).isZero();
        assertThat(ledger.worldState().events()).isEmpty();
        assertThatThrownBy(() -> ledger.evaluate("counter:Get", "visits"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("COUNTER_NOT_FOUND"));
    }

    @Test
    void reports_the_chaincode_error_code_from_the_exception_payload() {
        assertThatThrownBy(() -> ledger.submit("counter:Increment", "visits", "-1"))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(e.getMessage()).isEqualTo("INVALID_ARGUMENT: by must be positive, got -1");
                    assertThat(e.transactionId())
                            .hasValueSatisfying(id -> assertThat(id).hasSize(64));
                });
    }

    @Test
    void reads_the_error_code_from_the_message_when_the_payload_is_empty() {
        assertThatThrownBy(() -> ledger.submit("counter:IncrementThenRefuse", "visits"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo("LIMIT_REACHED"));
    }

    @Test
    void rolls_back_every_write_when_the_transaction_fails() {
        ledger.submit("counter:Increment", "visits", "1");

        assertThatThrownBy(() -> ledger.submit("counter:IncrementThenRefuse", "visits"))
                .isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> ledger.submit("counter:IncrementThenCrash", "visits"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(LedgerException.CHAINCODE_ERROR));

        assertThat(new String(ledger.evaluate("counter:Get", "visits"), UTF_8)).isEqualTo("1");
        assertThat(ledger.worldState().height()).isEqualTo(1);
        assertThat(ledger.worldState().events()).hasSize(1);
    }

    @Test
    void routes_unknown_transactions_to_an_error_as_the_contract_api_does() {
        assertThatThrownBy(() -> ledger.submit("counter:NoSuchThing"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(LedgerException.CHAINCODE_ERROR));
    }

    @Test
    void serves_the_contract_metadata_of_the_real_router() {
        final String metadata = new String(ledger.evaluate("org.hyperledger.fabric:GetMetadata"), UTF_8);

        assertThat(metadata).contains("\"counter\"").contains("IncrementThenRefuse");
    }

    @Test
    void submits_as_another_identity_through_a_view_of_the_same_ledger() {
        final EmbeddedLedger auditor = ledger.as(LedgerIdentity.of("AuditorOrgMSP", "client"));

        assertThat(new String(auditor.evaluate("counter:WhoAmI"), UTF_8)).startsWith("AuditorOrgMSP|null|x509::");
        assertThat(new String(ledger.evaluate("counter:WhoAmI"), UTF_8)).startsWith("PlatformOrgMSP|operator|");

        auditor.submit("counter:Increment", "visits", "4");
        auditor.close();

        assertThat(new String(ledger.evaluate("counter:Get", "visits"), UTF_8)).isEqualTo("4");
    }

    @Test
    void refuses_work_once_closed() {
        ledger.close();

        assertThatThrownBy(() -> ledger.submit("counter:Increment", "visits", "1"))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE));
    }
}
