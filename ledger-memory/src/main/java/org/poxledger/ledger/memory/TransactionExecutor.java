package org.poxledger.ledger.memory;

import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import org.hyperledger.fabric.shim.Chaincode;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

/**
 * Runs ledger transactions through a chaincode dispatcher over a world state. Submits are serialized: each one is
 * simulated on the latest state and committed before the next starts, so in-process transactions never fail MVCC
 * validation. Evaluates read their own snapshot and run concurrently with everything.
 */
final class TransactionExecutor {

    private static final byte[] EMPTY = new byte[0];

    private final InMemoryWorldState world;
    private final Chaincode chaincode;
    private final String channelId;
    private final String peerMspId;
    private final ReentrantLock submitLock = new ReentrantLock();

    TransactionExecutor(
            final InMemoryWorldState world, final Chaincode chaincode, final String channelId, final String peerMspId) {
        this.world = world;
        this.chaincode = chaincode;
        this.channelId = channelId;
        this.peerMspId = peerMspId;
    }

    LedgerResult submit(final LedgerIdentity caller, final String transaction, final String[] args) {
        submitLock.lock();
        try {
            final InMemoryChaincodeStub stub = newStub(caller, transaction, args);
            final byte[] payload = invoke(stub);
            try {
                final CommittedTransaction committed = stub.commit();
                return new LedgerResult(committed.txId(), committed.blockNumber(), payload);
            } catch (ReadConflictException e) {
                // Only when a test commits its own stubs on this world state concurrently.
                throw new LedgerException(LedgerException.READ_CONFLICT, e.getMessage(), stub.getTxId(), e);
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new LedgerException(
                        LedgerException.LEDGER_UNAVAILABLE,
                        "transaction " + stub.getTxId() + " was not committed: " + e.getMessage(),
                        stub.getTxId(),
                        e);
            }
        } finally {
            submitLock.unlock();
        }
    }

    byte[] evaluate(final LedgerIdentity caller, final String transaction, final String[] args) {
        final InMemoryChaincodeStub stub = newStub(caller, transaction, args);
        try {
            return invoke(stub);
        } finally {
            stub.discard();
        }
    }

    /** Waits for a running submit, so that closing never cuts a journal write in half. */
    void awaitIdle(final Runnable then) {
        submitLock.lock();
        try {
            then.run();
        } finally {
            submitLock.unlock();
        }
    }

    private InMemoryChaincodeStub newStub(final LedgerIdentity caller, final String transaction, final String[] args) {
        if (transaction == null || transaction.isBlank()) {
            throw new IllegalArgumentException("transaction name must be \"contract:Transaction\", got " + transaction);
        }
        return world.newTransaction(caller)
                .function(transaction)
                .parameters(args == null ? new String[0] : checkArgs(transaction, args))
                .channelId(channelId)
                .peerMspId(peerMspId)
                .build();
    }

    private static String[] checkArgs(final String transaction, final String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new IllegalArgumentException("argument " + i + " of " + transaction + " is null");
            }
        }
        return args;
    }

    /** @return the response payload of a successful invocation; a failed one discards the stub and throws */
    private byte[] invoke(final InMemoryChaincodeStub stub) {
        final Chaincode.Response response;
        try {
            response = chaincode.invoke(stub);
        } catch (RuntimeException e) {
            stub.discard();
            throw ChaincodeErrors.thrown(e, stub.getTxId());
        }
        if (response == null) {
            stub.discard();
            throw new LedgerException(
                    LedgerException.CHAINCODE_ERROR, "chaincode returned no response", stub.getTxId());
        }
        // A peer refuses to endorse from status 400 (shim.ERRORTHRESHOLD) on.
        if (response.getStatusCode() >= 400) {
            stub.discard();
            throw ChaincodeErrors.rejected(response, stub.getTxId());
        }
        return response.getPayload() == null ? EMPTY : response.getPayload();
    }
}
