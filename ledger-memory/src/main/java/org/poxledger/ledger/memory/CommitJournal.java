package org.poxledger.ledger.memory;

/** Where a transaction is made durable before the in-memory state shows it (write-ahead). */
@FunctionalInterface
interface CommitJournal {

    CommitJournal NONE = transaction -> {};

    /**
     * Persists the transaction; returns only once it would survive a crash.
     *
     * @throws java.io.UncheckedIOException when it could not be persisted; the transaction is then not committed
     */
    void append(CommittedTransaction transaction);
}
