package org.poxledger.ledger.memory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyperledger.fabric.shim.Chaincode;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

/**
 * The platform's {@code embedded} ledger mode: the real chaincode classes executing in-process, dispatched by the
 * contract API's own {@link org.hyperledger.fabric.contract.ContractRouter} (see {@link ContractRouters}), over an
 * {@link InMemoryWorldState} that an optional journal file makes durable.
 *
 * <pre>{@code
 * try (EmbeddedLedger ledger = EmbeddedLedger.builder()
 *         .identity(LedgerIdentity.operator())
 *         .journal(Path.of("data/ledger.journal"))   // omit for a purely in-memory ledger
 *         .open()) {
 *     LedgerResult result = ledger.submit("members:RegisterGenesisMember", "m1", accountHash);
 *     byte[] member = ledger.evaluate("members:GetMember", "m1");
 *     LedgerConnection auditor = ledger.as(LedgerIdentity.of("AuditorOrgMSP", "client"));
 * }
 * }</pre>
 *
 * <p>Each submitted transaction is its own block: {@link LedgerResult#blockNumber()} counts committed transactions from
 * 1. Submits run one at a time; a refused one ({@link LedgerException} with the chaincode's code) writes nothing and
 * emits no event. Evaluates run on a snapshot and their writes and events are discarded.
 */
public final class EmbeddedLedger implements LedgerConnection {

    private final InMemoryWorldState world;
    private final TransactionExecutor executor;
    private final TransactionJournal journal;
    private final LedgerIdentity identity;
    private final AtomicBoolean ledgerClosed;
    private final boolean owner;
    private volatile boolean closed;

    private EmbeddedLedger(
            final InMemoryWorldState world,
            final TransactionExecutor executor,
            final TransactionJournal journal,
            final LedgerIdentity identity,
            final AtomicBoolean ledgerClosed,
            final boolean owner) {
        this.world = world;
        this.executor = executor;
        this.journal = journal;
        this.identity = identity;
        this.ledgerClosed = ledgerClosed;
        this.owner = owner;
    }

    /**
     * @param chaincode the dispatcher, normally {@link ContractRouters#shared()}
     * @param identity who submits
     * @return an in-memory ledger (nothing survives {@link #close()})
     */
    public static EmbeddedLedger open(final Chaincode chaincode, final LedgerIdentity identity) {
        return builder().chaincode(chaincode).identity(identity).open();
    }

    /**
     * @param chaincode the dispatcher, normally {@link ContractRouters#shared()}
     * @param identity who submits
     * @param journal the journal file; created if absent, replayed if present
     * @return a ledger whose committed transactions survive a restart
     */
    public static EmbeddedLedger open(final Chaincode chaincode, final LedgerIdentity identity, final Path journal) {
        return builder()
                .chaincode(chaincode)
                .identity(identity)
                .journal(journal)
                .open();
    }

    /** @return a builder with the defaults: shared contract router, operator identity, in memory, system clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A connection to this same ledger acting as another identity, for example a foreign organisation's client.
     * Closing it leaves this ledger open; closing this ledger ends it too.
     *
     * @param other the identity that submits through the returned connection
     * @return a connection sharing this ledger's state, journal and event log
     */
    public EmbeddedLedger as(final LedgerIdentity other) {
        requireOpen();
        return new EmbeddedLedger(
                world, executor, journal, Objects.requireNonNull(other, "other"), ledgerClosed, false);
    }

    /** @return the identity this connection submits as */
    public LedgerIdentity identity() {
        return identity;
    }

    /** @return the committed state, for inspection in tests and tools */
    public InMemoryWorldState worldState() {
        return world;
    }

    @Override
    public LedgerResult submit(final String transaction, final String... args) {
        requireOpen();
        return executor.submit(identity, transaction, args);
    }

    @Override
    public byte[] evaluate(final String transaction, final String... args) {
        requireOpen();
        return executor.evaluate(identity, transaction, args);
    }

    /** {@inheritDoc} Each committed transaction is its own block, so this counts them. */
    @Override
    public long lastBlock() {
        return world.height();
    }

    @Override
    public OptionalLong lastEventBlock(final long fromBlock, final long toBlock) {
        return world.events().stream()
                .mapToLong(LedgerEvent::blockNumber)
                .filter(block -> block >= fromBlock && block <= toBlock)
                .max();
    }

    @Override
    public LedgerEventStream events(final long startBlock) {
        requireOpen();
        return world.events(startBlock);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owner && ledgerClosed.compareAndSet(false, true)) {
            executor.awaitIdle(() -> {
                world.shutdown();
                if (journal != null) {
                    journal.close();
                }
            });
        }
    }

    private void requireOpen() {
        if (closed || ledgerClosed.get()) {
            throw new LedgerException(LedgerException.LEDGER_UNAVAILABLE, "the embedded ledger is closed", null);
        }
    }

    /** Configures an {@link EmbeddedLedger}; every setting has a default. */
    public static final class Builder {

        private Chaincode chaincode;
        private LedgerIdentity identity;
        private Path journal;
        private Clock clock = Clock.systemUTC();
        private String channelId = InMemoryChaincodeStub.DEFAULT_CHANNEL_ID;
        private String peerMspId;

        private Builder() {}

        /**
         * @param value the dispatcher; defaults to {@link ContractRouters#shared()}
         * @return this builder
         */
        public Builder chaincode(final Chaincode value) {
            this.chaincode = Objects.requireNonNull(value, "chaincode");
            return this;
        }

        /**
         * @param value who submits; defaults to {@link LedgerIdentity#operator()}
         * @return this builder
         */
        public Builder identity(final LedgerIdentity value) {
            this.identity = Objects.requireNonNull(value, "identity");
            return this;
        }

        /**
         * @param value the journal file; without one the ledger lives in memory only
         * @return this builder
         */
        public Builder journal(final Path value) {
            this.journal = Objects.requireNonNull(value, "journal");
            return this;
        }

        /**
         * @param value source of transaction timestamps; defaults to the system clock
         * @return this builder
         */
        public Builder clock(final Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the channel name transactions see; defaults to {@value InMemoryChaincodeStub#DEFAULT_CHANNEL_ID}
         * @return this builder
         */
        public Builder channelId(final String value) {
            this.channelId = Objects.requireNonNull(value, "channelId");
            return this;
        }

        /**
         * @param value the MSP of the in-process peer ({@code stub.getMspId()}); defaults to the identity's MSP
         * @return this builder
         */
        public Builder peerMspId(final String value) {
            this.peerMspId = Objects.requireNonNull(value, "peerMspId");
            return this;
        }

        /**
         * Opens the ledger, replaying the journal when there is one.
         *
         * @return the open ledger
         * @throws java.io.UncheckedIOException when the journal cannot be read or locked
         * @throws IllegalStateException when the journal is corrupt before its last line
         */
        public EmbeddedLedger open() {
            final LedgerIdentity who = identity != null ? identity : LedgerIdentity.operator();
            final Chaincode dispatcher = chaincode != null ? chaincode : ContractRouters.shared();
            final InMemoryWorldState world = new InMemoryWorldState(clock);
            TransactionJournal opened = null;
            if (journal != null) {
                opened = TransactionJournal.open(journal, world::replay);
                world.journalTo(opened);
            }
            final TransactionExecutor executor =
                    new TransactionExecutor(world, dispatcher, channelId, peerMspId != null ? peerMspId : who.mspId());
            return new EmbeddedLedger(world, executor, opened, who, new AtomicBoolean(), true);
        }
    }
}
