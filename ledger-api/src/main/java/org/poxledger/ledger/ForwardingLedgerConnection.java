package org.poxledger.ledger;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link LedgerConnection} that hands every call to another one, for decorators that change only some calls (timing,
 * retries, test faults): a subclass overrides what it changes and inherits the rest.
 *
 * <pre>{@code
 * final class CountingLedgerConnection extends ForwardingLedgerConnection {
 *     CountingLedgerConnection(LedgerConnection delegate) { super(delegate); }
 *
 *     @Override
 *     public LedgerResult submit(String transaction, String... args) {
 *         submits.increment();
 *         return super.submit(transaction, args);
 *     }
 * }
 * }</pre>
 */
public abstract class ForwardingLedgerConnection implements LedgerConnection {

    private final LedgerConnection delegate;

    protected ForwardingLedgerConnection(LedgerConnection delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the connection calls are handed to */
    protected final LedgerConnection delegate() {
        return delegate;
    }

    @Override
    public LedgerResult submit(String transaction, String... args) {
        return delegate.submit(transaction, args);
    }

    @Override
    public byte[] evaluate(String transaction, String... args) {
        return delegate.evaluate(transaction, args);
    }

    @Override
    public long lastBlock() {
        return delegate.lastBlock();
    }

    @Override
    public OptionalLong lastEventBlock(long fromBlock, long toBlock) {
        return delegate.lastEventBlock(fromBlock, toBlock);
    }

    @Override
    public LedgerEventStream events(long startBlock) {
        return delegate.events(startBlock);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
