package org.poxledger.ledger;

import java.util.OptionalLong;

/**
 * The one port through which the platform reaches the ledger. Two implementations exist: the Fabric Gateway client
 * (ledger-fabric) and the in-process embedded ledger (ledger-memory). Both run the same chaincode and must pass the
 * same contract test suite, so callers never know which one they hold.
 *
 * <p>Transaction names are the chaincode wire names, {@code "contract:Transaction"}, for example
 * {@code "members:RegisterMember"}. Arguments are strings, exactly as Fabric transmits them.
 *
 * <pre>{@code
 * LedgerResult result = ledger.submit("money:Transfer", transferId, from, to, "250", "lunch");
 * byte[] member = ledger.evaluate("members:GetMember", memberId);
 * }</pre>
 */
public interface LedgerConnection extends AutoCloseable {

    /**
     * Endorses, orders and waits for the commit of one transaction.
     *
     * @param transaction wire name, {@code "contract:Transaction"}
     * @param args transaction arguments
     * @return the committed result: transaction id, block number and the chaincode's response payload
     * @throws LedgerException when the chaincode rejects the transaction (with its error code) or the ledger fails
     */
    LedgerResult submit(String transaction, String... args);

    /**
     * Runs a read-only transaction on one peer; nothing is ordered or committed.
     *
     * @param transaction wire name, {@code "contract:Transaction"}
     * @param args transaction arguments
     * @return the chaincode's response payload
     * @throws LedgerException when the chaincode rejects the query (with its error code) or the ledger fails
     */
    byte[] evaluate(String transaction, String... args);

    /**
     * @return the number of the newest committed block of the channel: every transaction committed before this call
     *     is in this block or an earlier one
     * @throws LedgerException when the ledger cannot be reached
     */
    long lastBlock();

    /**
     * Finds the newest block in a range of committed blocks that holds a chaincode event. Unlike {@link #events}, which
     * waits for events to come, this ends: it lets a reader that has applied events up to some block know whether it
     * has seen everything up to {@code toBlock}.
     *
     * @param fromBlock first block to look at
     * @param toBlock last block to look at; at most {@link #lastBlock()}
     * @return the number of the newest block in [fromBlock, toBlock] with an event of this chaincode, if any
     * @throws LedgerException when the ledger cannot be reached
     */
    OptionalLong lastEventBlock(long fromBlock, long toBlock);

    /**
     * Streams the chaincode events of committed transactions, in commit order, starting at the given block.
     *
     * @param startBlock first block to read; 0 replays the ledger from its beginning
     * @return a blocking stream the caller must close
     */
    LedgerEventStream events(long startBlock);

    /** Releases connections; the port is unusable afterwards. */
    @Override
    void close();
}
