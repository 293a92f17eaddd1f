package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.CycleLeaves;
import org.poxledger.contract.model.RewardEntry;
import org.poxledger.contract.model.RewardLine;

/**
 * A cycle's Merkle leaves, kept the way {@link CycleTotals} keeps its totals: each chunk writes the leaves of the entries
 * it recorded under {@code cycle-leaves~cycleId~txId}, blind, so parallel chunks never conflict, and the seal reads
 * one key per chunk. The seal used to read every entry in one range query, which at 100k entries met the peer's
 * {@code ledger.state.totalQueryLimit}; now it reads {@code entries / chunk size} keys.
 */
final class CycleLeafBatches {

    private static final int HASH_BYTES = 32;

    private CycleLeafBatches() {}

    /**
     * @param stub the transaction's stub
     * @param cycleId the cycle
     * @param written the entries this transaction recorded, at least one
     * @param amount their amounts added up
     */
    static void record(
            final ChaincodeStub stub, final String cycleId, final List<RewardEntry> written, final long amount) {
        final byte[] hashes = new byte[written.size() * HASH_BYTES];
        final List<String> members = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            final RewardEntry entry = written.get(i);
            System.arraycopy(RewardMerkle.leafHash(RewardLine.of(entry)), 0, hashes, i * HASH_BYTES, HASH_BYTES);
            members.add(entry.memberId());
        }
        stub.putState(
                LedgerKeys.cycleLeaves(stub, cycleId, stub.getTxId()),
                LedgerJson.bytes(new CycleLeaves(amount, Base64.getEncoder().encodeToString(hashes), members)));
    }

    /**
     * Reads every leaf batch of the cycle, in member-id order (the leaf order of the cycle's Merkle tree).
     *
     * @param stub the transaction's stub
     * @param cycleId the cycle
     * @return the leaves, their amounts and the keys they were read from
     */
    static Leaves read(final ChaincodeStub stub, final String cycleId) {
        final List<Leaf> leaves = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        long amount = 0;
        try (QueryResultsIterator<KeyValue> batches =
                stub.getStateByPartialCompositeKey(LedgerKeys.cycleLeavesOf(stub, cycleId))) {
            for (final KeyValue stored : batches) {
                final CycleLeaves batch = LedgerJson.read(stored.getValue(), CycleLeaves.class);
                final byte[] hashes = Base64.getDecoder().decode(batch.leafHashes());
                if (hashes.length != batch.memberIds().size() * HASH_BYTES) {
                    throw new IllegalStateException("Leaf batch " + stored.getKey() + " holds " + hashes.length
                            + " hash bytes for " + batch.memberIds().size() + " members");
                }
                for (int i = 0; i < batch.memberIds().size(); i++) {
                    leaves.add(new Leaf(
                            batch.memberIds().get(i),
                            Arrays.copyOfRange(hashes, i * HASH_BYTES, (i + 1) * HASH_BYTES)));
                }
                try {
                    amount = Math.addExact(amount, batch.amount());
                } catch (ArithmeticException e) {
                    throw LedgerRefusal.of(
                            ErrorCode.AMOUNT_OVERFLOW,
                            "the entries of cycle %s add up beyond %d",
                            cycleId,
                            Long.MAX_VALUE);
                }
                keys.add(stored.getKey());
            }
        }
        // Member ids are ASCII, so String order is byte order, the order of the reward~cycleId~memberId keys.
        leaves.sort(Comparator.comparing(Leaf::memberId));
        for (int i = 1; i < leaves.size(); i++) {
            if (leaves.get(i).memberId().equals(leaves.get(i - 1).memberId())) {
                throw new IllegalStateException("Two leaf batches of cycle " + cycleId + " hold member "
                        + leaves.get(i).memberId() + ", whose entry is recorded once");
            }
        }
        return new Leaves(leaves.stream().map(Leaf::hash).toArray(byte[][]::new), amount, keys);
    }

    private record Leaf(String memberId, byte[] hash) {}

    /**
     * @param hashes the leaf hashes in leaf order
     * @param amount the recorded entries' amounts added up
     * @param keys the batch keys, for the seal to delete
     */
    record Leaves(byte[][] hashes, long amount, List<String> keys) {}
}
