package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.poxledger.ledger.fabric.GatewayErrors.chaincodeRefusal;
import static org.poxledger.ledger.fabric.GatewayErrors.detail;
import static org.poxledger.ledger.fabric.GatewayErrors.grpcError;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

/** The Gateway interfaces are the unit boundary here; the real network is exercised by the ITs. */
class FabricLedgerConnectionTest {

    private static final String TX_ID = "3f2a9c0d4b7e41c2a8f0e6d5c4b3a291";

    private final Network network = mock(Network.class);
    private final Contract contract = mock(Contract.class);
    private final Proposal.Builder proposalBuilder = mock(Proposal.Builder.class);
    private final Proposal proposal = mock(Proposal.class);
    private final Transaction endorsed = mock(Transaction.class);
    private final SubmittedTransaction submitted = mock(SubmittedTransaction.class);
    private final org.hyperledger.fabric.client.Status status = mock(org.hyperledger.fabric.client.Status.class);
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();

    private FabricLedgerConnection ledger;

    @BeforeEach
    void wire_the_gateway_mocks() throws Exception {
        when(network.getContract("pox")).thenReturn(contract);
        when(contract.newProposal(any())).thenReturn(proposalBuilder);
        when(proposalBuilder.addArguments(any(String[].class))).thenReturn(proposalBuilder);
        when(proposalBuilder.build()).thenReturn(proposal);
        when(proposal.getTransactionId()).thenReturn(TX_ID);
        when(proposal.endorse()).thenReturn(endorsed);
        when(endorsed.submitAsync()).thenReturn(submitted);
        when(submitted.getStatus()).thenReturn(status);
        when(status.getTransactionId()).thenReturn(TX_ID);
        ledger = new FabricLedgerConnection(network, "pox", () -> resourcesClosed.set(true));
    }

    @Test
    void submit_returns_the_transaction_id_the_block_of_its_commit_and_the_chaincode_payload() throws Exception {
        when(status.isSuccessful()).thenReturn(true);
        when(status.getBlockNumber()).thenReturn(42L);
        when(submitted.getResult()).thenReturn("{\"memberId\":\"m_1\"}".getBytes(StandardCharsets.UTF_8));

        LedgerResult result = ledger.submit("members:RegisterMember", "m_1", "ab".repeat(32), "m_0");

        assertThat(result.transactionId()).isEqualTo(TX_ID);
        assertThat(result.blockNumber()).isEqualTo(42L);
        assertThat(result.payloadText()).isEqualTo("{\"memberId\":\"m_1\"}");
        verify(contract).newProposal("members:RegisterMember");
        verify(proposalBuilder).addArguments("m_1", "ab".repeat(32), "m_0");
    }

    @Test
    void a_chaincode_refusal_at_endorsement_keeps_the_chaincode_code_sentence_and_transaction_id() throws Exception {
        when(proposal.endorse())
                .thenThrow(new EndorseException(
                        TX_ID, chaincodeRefusal("INSUFFICIENT_FUNDS", "Member m_1 has 100, cannot pay 250")));

        assertThatThrownBy(() -> ledger.submit("money:Transfer", "t1", "m_1", "m_2", "250", ""))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_FUNDS");
                    assertThat(e.getMessage()).isEqualTo("Member m_1 has 100, cannot pay 250");
                    assertThat(e.transactionId()).contains(TX_ID);
                    assertThat(e.getCause()).isInstanceOf(EndorseException.class);
                });
        verifyNoInteractions(endorsed);
    }

    @Test
    void a_transaction_invalidated_by_a_stale_read_is_a_read_conflict_with_the_validation_code() throws Exception {
        for (TxValidationCode stale :
                List.of(TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.PHANTOM_READ_CONFLICT)) {
            when(status.isSuccessful()).thenReturn(false);
            when(status.getCode()).thenReturn(stale);
            when(status.getBlockNumber()).thenReturn(7L);

            assertThatThrownBy(() -> ledger.submit("money:Transfer", "t1", "m_1", "m_2", "250", ""))
                    .asInstanceOf(type(LedgerException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(LedgerException.READ_CONFLICT);
                        assertThat(e.isReadConflict()).isTrue();
                        assertThat(e.getMessage())
                                .contains("validation code " + stale)
                                .contains(TX_ID)
                                .contains("block 7");
                        assertThat(e.transactionId()).contains(TX_ID);
                    });
        }
    }

    @Test
    void a_transaction_that_fails_validation_otherwise_is_commit_failed_with_the_validation_code() throws Exception {
        when(status.isSuccessful()).thenReturn(false);
        when(status.getCode()).thenReturn(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        when(status.getBlockNumber()).thenReturn(7L);

        assertThatThrownBy(() -> ledger.submit("money:Transfer", "t1", "m_1", "m_2", "250", ""))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.COMMIT_FAILED);
                    assertThat(e.isReadConflict()).isFalse();
                    assertThat(e.getMessage()).contains("validation code ENDORSEMENT_POLICY_FAILURE");
                });
    }

    @Test
    void an_ordering_service_that_cannot_be_reached_makes_submit_ledger_unavailable() throws Exception {
        when(endorsed.submitAsync())
                .thenThrow(new SubmitException(
                        TX_ID,
                        grpcError(
                                Status.Code.UNAVAILABLE,
                                "no orderers could successfully process transaction",
                                detail("127.0.0.1:7050", "OrdererMSP", "connection refused"))));

        assertThatThrownBy(() -> ledger.submit("money:Transfer", "t1", "m_1", "m_2", "250", ""))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:7050").contains("connection refused");
                    assertThat(e.transactionId()).contains(TX_ID);
                });
    }

    @Test
    void a_commit_status_that_times_out_is_ledger_unavailable_and_says_the_transaction_may_still_commit()
            throws Exception {
        when(submitted.getStatus())
                .thenThrow(new CommitStatusException(
                        TX_ID, grpcError(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded after 59.99s")));

        assertThatThrownBy(() -> ledger.submit("members:VerifyMember", "m_1"))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("may still commit");
                    assertThat(e.transactionId()).contains(TX_ID);
                });
    }

    @Test
    void a_chaincode_failure_without_a_code_is_chaincode_error_naming_every_peer() throws Exception {
        when(proposal.endorse())
                .thenThrow(new EndorseException(
                        TX_ID,
                        grpcError(
                                Status.Code.ABORTED,
                                "failed to endorse transaction, see attached details for more info",
                                detail(
                                        "127.0.0.1:7051",
                                        "PlatformOrgMSP",
                                        "chaincode response 500, NullPointerException"),
                                detail("127.0.0.1:8051", "PlatformOrgMSP", "chaincode response 500, boom"))));

        assertThatThrownBy(() -> ledger.submit("members:VerifyMember", "m_1"))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.CHAINCODE_ERROR);
                    assertThat(e.getMessage())
                            .contains("submit members:VerifyMember")
                            .contains("ABORTED")
                            .contains(
                                    "peer 127.0.0.1:7051 (PlatformOrgMSP): chaincode response 500, NullPointerException")
                            .contains("peer 127.0.0.1:8051 (PlatformOrgMSP): chaincode response 500, boom");
                    assertThat(e.transactionId()).contains(TX_ID);
                });
    }

    @Test
    void an_evaluation_the_chaincode_refuses_keeps_its_code_and_carries_no_transaction_id() throws Exception {
        when(proposal.evaluate())
                .thenThrow(new GatewayException(grpcError(
                        Status.Code.UNKNOWN,
                        "evaluate call to endorser returned error: chaincode response 500,"
                                + " MEMBER_NOT_FOUND: Member m_9 does not exist")));

        assertThatThrownBy(() -> ledger.evaluate("members:GetMember", "m_9"))
                .asInstanceOf(type(LedgerException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("MEMBER_NOT_FOUND");
                    assertThat(e.getMessage()).isEqualTo("Member m_9 does not exist");
                    assertThat(e.transactionId()).isEmpty();
                });
    }

    @Test
    void an_evaluation_against_an_unreachable_peer_is_ledger_unavailable() throws Exception {
        when(proposal.evaluate()).thenThrow(new GatewayException(grpcError(Status.Code.UNAVAILABLE, "io exception")));

        assertThatThrownBy(() -> ledger.evaluate("money:GetBalance", "m_1"))
                .asInstanceOf(type(LedgerException.class))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerException.LEDGER_UNAVAILABLE);
    }

    @Test
    void a_creator_the_peer_refuses_is_access_denied() throws Exception {
        when(proposal.endorse())
                .thenThrow(new EndorseException(
                        TX_ID,
                        grpcError(
                                Status.Code.FAILED_PRECONDITION,
                                "failed to endorse transaction, see attached details for more info",
                                detail(
                                        "127.0.0.1:7051",
                                        "PlatformOrgMSP",
                                        "access denied: channel [pox] creator org unknown, creator is malformed"))));

        assertThatThrownBy(() -> ledger.submit("members:VerifyMember", "m_1"))
                .asInstanceOf(type(LedgerException.class))
                .extracting(LedgerException::code)
                .isEqualTo(GatewayFailure.ACCESS_DENIED);
    }

    @Test
    void evaluate_returns_the_chaincode_payload() throws Exception {
        when(proposal.evaluate()).thenReturn("{\"balance\":250,\"memberId\":\"m_1\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(ledger.evaluate("money:GetBalance", "m_1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"balance\":250,\"memberId\":\"m_1\"}");
        verify(proposal, times(0)).endorse();
    }

    @Test
    void rejects_a_blank_transaction_name_and_null_arguments_before_calling_fabric() {
        assertThatThrownBy(() -> ledger.submit(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contract:Transaction");
        assertThatThrownBy(() -> ledger.evaluate("members:GetMember", (String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 0 of members:GetMember is null");
        verifyNoInteractions(contract);
    }

    @Test
    void streams_chaincode_events_from_the_requested_block_in_order() {
        ChaincodeEventsRequest.Builder request = mock(ChaincodeEventsRequest.Builder.class);
        ChaincodeEventsRequest built = mock(ChaincodeEventsRequest.class);
        when(network.newChaincodeEventsRequest("pox")).thenReturn(request);
        when(request.startBlock(5L)).thenReturn(request);
        when(request.build()).thenReturn(built);
        CloseableIterator<ChaincodeEvent> committed =
                iterator(List.of(event(5, "tx-a", "MemberRegistered"), event(6, "tx-b", "MemberVerified")));
        when(built.getEvents()).thenReturn(committed);

        try (LedgerEventStream events = ledger.events(5)) {
            LedgerEvent first = events.next();
            LedgerEvent second = events.next();

            assertThat(first.blockNumber()).isEqualTo(5);
            assertThat(first.transactionId()).isEqualTo("tx-a");
            assertThat(first.name()).isEqualTo("MemberRegistered");
            assertThat(first.payloadText()).isEqualTo("{\"tx\":\"tx-a\"}");
            assertThat(second.name()).isEqualTo("MemberVerified");
            assertThat(events.hasNext()).isFalse();
        }
    }

    @Test
    void closing_the_event_stream_from_another_thread_ends_a_waiting_hasNext() throws Exception {
        ChaincodeEventsRequest.Builder request = mock(ChaincodeEventsRequest.Builder.class);
        ChaincodeEventsRequest built = mock(ChaincodeEventsRequest.class);
        BlockingIterator blocking = new BlockingIterator();
        when(network.newChaincodeEventsRequest("pox")).thenReturn(request);
        when(request.startBlock(0L)).thenReturn(request);
        when(request.build()).thenReturn(built);
        when(built.getEvents()).thenReturn(blocking);
        LedgerEventStream events = ledger.events(0);
        CountDownLatch answered = new CountDownLatch(1);
        AtomicBoolean hasNext = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> {
            hasNext.set(events.hasNext());
            answered.countDown();
        });
        assertThat(blocking.waiting.await(5, TimeUnit.SECONDS)).isTrue();

        events.close();

        assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(hasNext).isFalse();
        reader.join();
    }

    @Test
    void a_broken_event_stream_is_ledger_unavailable() {
        ChaincodeEventsRequest.Builder request = mock(ChaincodeEventsRequest.Builder.class);
        ChaincodeEventsRequest built = mock(ChaincodeEventsRequest.class);
        @SuppressWarnings("unchecked")
        CloseableIterator<ChaincodeEvent> broken = mock(CloseableIterator.class);
        when(broken.hasNext()).thenThrow(new GatewayRuntimeException(grpcError(Status.Code.UNAVAILABLE, "peer gone")));
        when(network.newChaincodeEventsRequest("pox")).thenReturn(request);
        when(request.startBlock(0L)).thenReturn(request);
        when(request.build()).thenReturn(built);
        when(built.getEvents()).thenReturn(broken);

        try (LedgerEventStream events = ledger.events(0)) {
            assertThatThrownBy(events::hasNext)
                    .asInstanceOf(type(LedgerException.class))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(LedgerException.LEDGER_UNAVAILABLE));
        }
    }

    @Test
    void rejects_a_negative_start_block() {
        assertThatThrownBy(() -> ledger.events(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startBlock must be 0 or more, got -1");
    }

    @Test
    void close_releases_the_gateway_and_channel_once_and_later_calls_fail() {
        ledger.close();
        ledger.close();

        assertThat(resourcesClosed).isTrue();
        assertThatThrownBy(() -> ledger.evaluate("money:GetTotalSupply"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Fabric ledger connection is closed");
    }

    private static ChaincodeEvent event(long block, String txId, String name) {
        ChaincodeEvent event = mock(ChaincodeEvent.class);
        when(event.getBlockNumber()).thenReturn(block);
        when(event.getTransactionId()).thenReturn(txId);
        when(event.getEventName()).thenReturn(name);
        when(event.getChaincodeName()).thenReturn("pox");
        when(event.getPayload()).thenReturn(("{\"tx\":\"" + txId + "\"}").getBytes(StandardCharsets.UTF_8));
        return event;
    }

    private static CloseableIterator<ChaincodeEvent> iterator(List<ChaincodeEvent> events) {
        Iterator<ChaincodeEvent> delegate = events.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public ChaincodeEvent next() {
                return delegate.next();
            }

            @Override
            public void close() {}
        };
    }

    /** Waits in hasNext() like a live gRPC stream; close() cancels it the way the Gateway client does. */
    private static final class BlockingIterator implements CloseableIterator<ChaincodeEvent> {
        final CountDownLatch waiting = new CountDownLatch(1);
        private final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public boolean hasNext() {
            waiting.countDown();
            try {
                cancelled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new GatewayRuntimeException(grpcError(Status.Code.CANCELLED, "call cancelled by client"));
        }

        @Override
        public ChaincodeEvent next() {
            throw new AssertionError("no event expected");
        }

        @Override
        public void close() {
            cancelled.countDown();
        }
    }
}
