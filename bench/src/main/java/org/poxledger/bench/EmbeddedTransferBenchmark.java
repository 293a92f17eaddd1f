package org.poxledger.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.ledger.memory.EmbeddedLedger;

/**
 * The chaincode's hottest write paths, end to end through the embedded ledger: contract routing, argument parsing,
 * deterministic JSON, state reads and writes, the commit and its journal-free bookkeeping. This is the cost the
 * chaincode adds to every Fabric transaction, without the network.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class EmbeddedTransferBenchmark {

    private final AtomicLong sequence = new AtomicLong();
    private EmbeddedLedger ledger;
    private FundedMembers members;

    @Setup(Level.Trial)
    public void openLedger() {
        ledger = EmbeddedLedger.builder().open();
        members = FundedMembers.create(ledger, 2, 1_000_000_000_000L);
    }

    @TearDown(Level.Trial)
    public void closeLedger() {
        ledger.close();
    }

    /** One unit from the first member to the second: a debit folding credits, a credit entry, two history rows. */
    @Benchmark
    @Metric("embedded_transfers_per_s")
    public LedgerResult transfer() {
        long n = sequence.incrementAndGet();
        return ledger.submit(Transaction.TRANSFER.wireName(), "bench-" + n, members.id(0), members.id(1), "1", "");
    }

    /** The balance query: the balance key plus the credit entries not yet folded in. */
    @Benchmark
    @Metric("embedded_balance_reads_per_s")
    public byte[] balance() {
        return ledger.evaluate(Transaction.GET_BALANCE.wireName(), members.id(1));
    }

    /** Registration under a verified recommender: the expansion event every reward starts from. */
    @Benchmark
    @Metric("embedded_registrations_per_s")
    public LedgerResult registerMember() {
        long n = sequence.incrementAndGet();
        return ledger.submit(
                Transaction.REGISTER_MEMBER.wireName(),
                "bench-m" + n,
                FundedMembers.accountHash("bench-m" + n),
                members.id(0));
    }
}
