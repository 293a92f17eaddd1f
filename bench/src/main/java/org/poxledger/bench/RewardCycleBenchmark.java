package org.poxledger.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.reward.MerkleTree;
import org.poxledger.platform.reward.RewardCalculator;

/**
 * Closing a reward cycle on a generated referral tree: the per-ancestor amounts of DESIGN §6 (levels included) and
 * the Merkle tree whose root goes on-chain. The graph queries that gather the counts are measured by the server's
 * integration tests against a real Neo4j; this isolates the arithmetic and hashing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class RewardCycleBenchmark {

    @Param({"10000"})
    int members;

    private final RewardPolicy policy = RewardPolicy.defaultPolicy();
    private Map<String, long[]> newAtDepth;
    private Map<String, long[]> countsAtEnd;
    private List<RewardLine> entries;

    /** A random tree grown member by member; the last tenth of the registrations forms the cycle. */
    @Setup
    public void growTree() {
        SplittableRandom random = new SplittableRandom(42);
        int[] parent = new int[members];
        parent[0] = -1;
        for (int i = 1; i < members; i++) {
            parent[i] = random.nextInt(i);
        }
        int cycleStart = members - members / 10;
        int depth = policy.maxDepth();
        countsAtEnd = new HashMap<>();
        newAtDepth = new HashMap<>();
        for (int i = 1; i < members; i++) {
            int ancestor = parent[i];
            for (int d = 0; d < depth && ancestor >= 0; d++, ancestor = parent[ancestor]) {
                countsAtEnd.computeIfAbsent(id(ancestor), k -> new long[depth])[d]++;
                if (i >= cycleStart) {
                    newAtDepth.computeIfAbsent(id(ancestor), k -> new long[depth])[d]++;
                }
            }
        }
        entries = RewardCalculator.entries(policy, newAtDepth, countsAtEnd);
    }

    @Benchmark
    @Metric("reward_entries_10k_compute_ms")
    public List<RewardLine> computeEntries() {
        return RewardCalculator.entries(policy, newAtDepth, countsAtEnd);
    }

    @Benchmark
    @Metric("reward_merkle_root_10k_ms")
    public String merkleRoot() {
        return MerkleTree.of(entries).root();
    }

    private static String id(int index) {
        return "m" + index;
    }
}
