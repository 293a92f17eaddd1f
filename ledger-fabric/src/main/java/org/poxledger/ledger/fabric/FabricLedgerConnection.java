package org.poxledger.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger port over the Fabric Gateway: one TLS gRPC channel to one Gateway peer, one signing identity, explicit
 * deadlines per call kind.
 *
 * <p>A submit endorses, hands the transaction to the orderer without waiting ({@code submitAsync}) and then waits for
 * its commit status, so the block number and validation code come back with the result. Failures become
 * {@link LedgerException}s carrying the chaincode's error code and, once the transaction has one, its id.
 *
 * <pre>{@code
 * try (LedgerConnection ledger = FabricLedgerConnection.connect(FabricLedgerSettings.fromVariables(System::getenv))) {
 *     LedgerResult result = ledger.submit("money:Transfer", "t-1", "m_alice", "m_bob", "250", "lunch");
 *     log.info("transfer {} committed in block {}", result.transactionId(), result.blockNumber());
 * }
 * }</pre>
 *
 * Thread-safe: share one instance per identity.
 */
public final class FabricLedgerConnection implements LedgerConnection {

    private static final Logger log = LoggerFactory.getLogger(FabricLedgerConnection.class);

    private static final Duration CHANNEL_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final String QUERY_SYSTEM_CHAINCODE = "qscc";

    private final Network network;
    private final Contract contract;
    private final String chaincode;
    private final AutoCloseable resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    FabricLedgerConnection(Network network, String chaincode, AutoCloseable resources) {
        this.network = Objects.requireNonNull(network, "network");
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
        this.contract = network.getContract(chaincode);
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /**
     * Opens the gRPC channel and the Gateway for one identity. The channel connects lazily: an unreachable peer shows
     * up as {@link LedgerException#LEDGER_UNAVAILABLE} on the first call.
     *
     * @param settings validated settings
     * @return an open connection; close it to release the channel
     * @throws IllegalArgumentException when a certificate or key file does not hold what it should
     */
    public static FabricLedgerConnection connect(FabricLedgerSettings settings) {
        X509Identity identity = new X509Identity(settings.mspId(), readCertificate(settings.certificate()));
        PrivateKey privateKey = readPrivateKey(settings.privateKeyFile());
        ManagedChannel channel = newChannel(settings);
        try {
            FabricLedgerSettings.Deadlines deadlines = settings.deadlines();
            Gateway gateway = Gateway.newInstance()
                    .identity(identity)
                    .signer(Signers.newPrivateKeySigner(privateKey))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(deadline(deadlines.evaluate()))
                    .endorseOptions(deadline(deadlines.endorse()))
                    .submitOptions(deadline(deadlines.submit()))
                    .commitStatusOptions(deadline(deadlines.commitStatus()))
                    .connect();
            log.info(
                    "Fabric Gateway at {} (TLS name {}) as {} on channel {}, chaincode {}",
                    settings.peerEndpoint(),
                    settings.tlsServerName().orElse(settings.peerEndpoint()),
                    settings.mspId(),
                    settings.channel(),
                    settings.chaincode());
            return new FabricLedgerConnection(gateway.getNetwork(settings.channel()), settings.chaincode(), () -> {
                gateway.close();
                shutdown(channel);
            });
        } catch (RuntimeException e) {
            shutdown(channel);
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Endorse, submit and commit-status failures carry the transaction id. A transaction that was ordered but
     * failed validation is {@link LedgerException#READ_CONFLICT} for a stale read (MVCC or phantom: safe to submit
     * again) and {@link LedgerException#COMMIT_FAILED} otherwise, with the validation code in the message; nothing of
     * it was written.
     */
    @Override
    public LedgerResult submit(String transaction, String... args) {
        Proposal proposal = newProposal(transaction, args);
        String transactionId = proposal.getTransactionId();
        try {
            SubmittedTransaction submitted = proposal.endorse().submitAsync();
            Status status = submitted.getStatus();
            if (!status.isSuccessful()) {
                String code = isReadConflict(status.getCode())
                        ? LedgerException.READ_CONFLICT
                        : LedgerException.COMMIT_FAILED;
                String message = "Transaction " + transaction + " (" + transactionId + ") failed validation with"
                        + " validation code " + status.getCode() + " in block " + status.getBlockNumber();
                log.warn(
                        "Ledger submit {} failed: txId={} code={} validationCode={} block={}",
                        transaction,
                        transactionId,
                        code,
                        status.getCode(),
                        status.getBlockNumber());
                throw new LedgerException(code, message, transactionId);
            }
            return new LedgerResult(transactionId, status.getBlockNumber(), submitted.getResult());
        } catch (EndorseException | SubmitException | CommitStatusException e) {
            throw failed(
                    "submit", transaction, e.getTransactionId(), e, new GatewayFailure(e.getStatus(), e.getDetails()));
        } catch (GatewayRuntimeException e) {
            throw failed("submit", transaction, transactionId, e, new GatewayFailure(e.getStatus(), e.getDetails()));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The proposal's transaction id appears in the log line of a failure, for matching peer logs, but not in the
     * exception: an evaluation never reaches the ledger.
     */
    @Override
    public byte[] evaluate(String transaction, String... args) {
        Proposal proposal = newProposal(transaction, args);
        try {
            return proposal.evaluate();
        } catch (GatewayException e) {
            throw failedEvaluate(transaction, proposal, e, new GatewayFailure(e.getStatus(), e.getDetails()));
        } catch (GatewayRuntimeException e) {
            throw failedEvaluate(transaction, proposal, e, new GatewayFailure(e.getStatus(), e.getDetails()));
        }
    }

    /** {@inheritDoc} Asks the peer's query system chaincode (qscc {@code GetChainInfo}) for the channel's height. */
    @Override
    public long lastBlock() {
        byte[] info = evaluateSystem(QUERY_SYSTEM_CHAINCODE, "GetChainInfo", network.getName());
        try {
            return BlockchainInfo.parseFrom(info).getHeight() - 1;
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException(
                    LedgerException.LEDGER_UNAVAILABLE, "qscc GetChainInfo answered no BlockchainInfo", null, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the filtered blocks (transaction ids, validation codes and event names, no payloads) of the range: the
     * blocks exist already, so the read ends at {@code toBlock} without waiting.
     */
    @Override
    public OptionalLong lastEventBlock(long fromBlock, long toBlock) {
        if (fromBlock < 0 || toBlock < fromBlock) {
            return OptionalLong.empty();
        }
        long found = -1;
        try (CloseableIterator<FilteredBlock> blocks = network.newFilteredBlockEventsRequest()
                .startBlock(fromBlock)
                .build()
                .getEvents()) {
            while (blocks.hasNext()) {
                FilteredBlock block = blocks.next();
                if (hasValidEventOf(block)) {
                    found = block.getNumber();
                }
                if (block.getNumber() >= toBlock) {
                    break;
                }
            }
        } catch (GatewayRuntimeException e) {
            GatewayFailure failure = new GatewayFailure(e.getStatus(), e.getDetails());
            throw failure.toLedgerException("filtered block events of " + network.getName(), null, e);
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    private boolean hasValidEventOf(FilteredBlock block) {
        for (FilteredTransaction transaction : block.getFilteredTransactionsList()) {
            if (transaction.getTxValidationCode() != TxValidationCode.VALID) {
                continue;
            }
            for (FilteredChaincodeAction action :
                    transaction.getTransactionActions().getChaincodeActionsList()) {
                if (action.getChaincodeEvent().getChaincodeId().equals(chaincode)
                        && !action.getChaincodeEvent().getEventName().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private byte[] evaluateSystem(String systemChaincode, String transaction, String... args) {
        Proposal proposal = network.getContract(systemChaincode)
                .newProposal(transaction)
                .addArguments(args)
                .build();
        try {
            return proposal.evaluate();
        } catch (GatewayException e) {
            throw failedEvaluate(transaction, proposal, e, new GatewayFailure(e.getStatus(), e.getDetails()));
        } catch (GatewayRuntimeException e) {
            throw failedEvaluate(transaction, proposal, e, new GatewayFailure(e.getStatus(), e.getDetails()));
        }
    }

    @Override
    public LedgerEventStream events(long startBlock) {
        if (startBlock < 0) {
            throw new IllegalArgumentException("startBlock must be 0 or more, got " + startBlock);
        }
        CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(chaincode)
                .startBlock(startBlock)
                .build()
                .getEvents();
        return new FabricEventStream(events, chaincode);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            resources.close();
        } catch (Exception e) {
            log.warn("Closing the Fabric Gateway connection failed: {}", e.toString());
        }
    }

    private Proposal newProposal(String transaction, String... args) {
        if (transaction == null || transaction.isBlank()) {
            throw new IllegalArgumentException(
                    "transaction must be a wire name 'contract:Transaction', got '" + transaction + "'");
        }
        Objects.requireNonNull(args, "args");
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new IllegalArgumentException("argument " + i + " of " + transaction + " is null");
            }
        }
        if (closed.get()) {
            throw new IllegalStateException("Fabric ledger connection is closed");
        }
        return contract.newProposal(transaction).addArguments(args).build();
    }

    private static LedgerException failed(
            String kind, String transaction, String transactionId, Throwable cause, GatewayFailure failure) {
        LedgerException translated = failure.toLedgerException(kind + " " + transaction, transactionId, cause);
        log.warn(
                "Ledger {} {} failed: txId={} code={} {} [{}]",
                kind,
                transaction,
                transactionId,
                translated.code(),
                cause.getClass().getSimpleName(),
                failure.describe());
        return translated;
    }

    private static LedgerException failedEvaluate(
            String transaction, Proposal proposal, Throwable cause, GatewayFailure failure) {
        LedgerException translated = failure.toLedgerException("evaluate " + transaction, null, cause);
        log.warn(
                "Ledger evaluate {} failed: txId={} code={} [{}]",
                transaction,
                proposal.getTransactionId(),
                translated.code(),
                failure.describe());
        return translated;
    }

    /** Stale reads, the only validation failures that a fresh endorsement of the same transaction can cure. */
    static boolean isReadConflict(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    private static CallOption deadline(Duration duration) {
        return CallOption.deadlineAfter(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ManagedChannel newChannel(FabricLedgerSettings settings) {
        ChannelCredentials credentials;
        try {
            credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(settings.tlsCaCertificate().toFile())
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Fabric setting tlsCaCertificate is not a usable PEM CA certificate: "
                            + settings.tlsCaCertificate().toAbsolutePath(),
                    e);
        }
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(settings.peerEndpoint(), credentials);
        settings.tlsServerName().ifPresent(builder::overrideAuthority);
        return builder.build();
    }

    private static void shutdown(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            if (!channel.awaitTermination(CHANNEL_SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gRPC channel to Fabric did not terminate within {}", CHANNEL_SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static X509Certificate readCertificate(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Fabric setting certificate is not a PEM X.509 certificate: " + file.toAbsolutePath(), e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | InvalidKeyException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Fabric setting privateKey is not a PEM private key: " + file.toAbsolutePath(), e);
        }
    }
}
