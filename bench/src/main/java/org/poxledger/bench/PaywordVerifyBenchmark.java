package org.poxledger.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.poxledger.payword.PaywordChain;
import org.poxledger.payword.PaywordHash;

/**
 * {@code payword_verify_per_s_core}: how many one-unit payments one core checks per second, the broker's and the
 * chaincode's check {@code H(w_i) = w_(i-1)} with the shared {@link PaywordHash} (target ≥ 5,000,000).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
public class PaywordVerifyBenchmark {

    private static final int LENGTH = 1024;

    private final PaywordHash hash = new PaywordHash();
    private byte[][] words;
    private int next;

    @Setup
    public void chain() {
        byte[] seed = new byte[PaywordHash.WORD_BYTES];
        seed[0] = 42;
        PaywordChain chain = PaywordChain.fromSeed(seed, LENGTH);
        words = new byte[LENGTH + 1][];
        for (int i = 0; i <= LENGTH; i++) {
            words[i] = PaywordHash.parse(chain.word(i));
        }
    }

    /** One payment of one unit: a single SHA-256 and a constant-time comparison. */
    @Benchmark
    @Metric("payword_verify_per_s_core")
    public boolean paywordVerifyPerSecondPerCore() {
        int i = next = next == LENGTH ? 1 : next + 1;
        return hash.reaches(words[i], 1, words[i - 1]);
    }
}
