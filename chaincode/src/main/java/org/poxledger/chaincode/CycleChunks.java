package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleChunk;
import org.poxledger.contract.model.RewardEntry;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.contract.model.RewardStatus;

/**
 * A cycle's recorded chunks, one {@code cycle-chunk~cycleId~<index>} key each ({@link CycleChunk}). A cycle is cut into
 * chunks by its chunk starts (member-id ranges recorded with the cycle), so a member belongs to exactly one chunk and
 * paying is idempotent per chunk: one read and one write per chunk instead of a read and two writes per entry. What
 * stays per entry is the member read (its status decides PAID or HELD) and its blind credit. The chunk keys of
 * parallel chunks are disjoint, so they never conflict; {@code rewards:SealCycle} reads one key per chunk.
 */
final class CycleChunks {

    private CycleChunks() {}

    static Optional<CycleChunk> find(final ChaincodeStub stub, final String cycleId, final int chunkIndex) {
        final byte[] state = stub.getState(LedgerKeys.cycleChunk(stub, cycleId, chunkIndex));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, CycleChunk.class));
    }

    /**
     * @param stub the transaction's stub
     * @param cycleId the cycle
     * @param chunkIndex the chunk
     * @param entries its entries, at least one
     */
    static void record(
            final ChaincodeStub stub, final String cycleId, final int chunkIndex, final List<RewardLine> entries) {
        stub.putState(
                LedgerKeys.cycleChunk(stub, cycleId, chunkIndex),
                LedgerJson.bytes(new CycleChunk(entries, stub.getTxId())));
    }

    /**
     * @param chunkStarts a cycle's chunk starts: "" first, then strictly increasing
     * @param memberId a member id
     * @return the chunk whose range holds the member, -1 for a cycle without chunk starts
     */
    static int chunkOf(final List<String> chunkStarts, final String memberId) {
        int low = 0;
        int high = chunkStarts.size() - 1;
        int found = -1;
        while (low <= high) {
            final int middle = (low + high) >>> 1;
            if (chunkStarts.get(middle).compareTo(memberId) <= 0) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /**
     * @param stub the transaction's stub
     * @param cycle the cycle
     * @param memberId the member
     * @return the member's entry as its chunk recorded it (PAID; a HELD entry has a key of its own, read first)
     */
    static Optional<RewardEntry> recordedEntry(final ChaincodeStub stub, final Cycle cycle, final String memberId) {
        final int chunkIndex = chunkOf(cycle.chunkStarts(), memberId);
        if (chunkIndex < 0) {
            return Optional.empty();
        }
        return find(stub, cycle.cycleId(), chunkIndex).flatMap(chunk -> chunk.entries().stream()
                .filter(line -> line.memberId().equals(memberId))
                .findFirst()
                .map(line -> entry(cycle.cycleId(), line, chunk.recordedTxId(), RewardStatus.PAID)));
    }

    static RewardEntry entry(
            final String cycleId, final RewardLine line, final String txId, final RewardStatus status) {
        return new RewardEntry(
                line.amount(),
                cycleId,
                line.events(),
                line.level(),
                line.memberId(),
                txId,
                line.rateBps(),
                line.scoreBps(),
                status);
    }

    /**
     * Reads every recorded chunk of the cycle, leaves in member-id order (the leaf order of the cycle's Merkle tree).
     *
     * @param stub the transaction's stub
     * @param cycleId the cycle
     * @return the leaves and their amounts
     */
    static Leaves read(final ChaincodeStub stub, final String cycleId) {
        final List<RewardLine> lines = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> chunks =
                stub.getStateByPartialCompositeKey(LedgerKeys.cycleChunksOf(stub, cycleId))) {
            for (final KeyValue stored : chunks) {
                lines.addAll(
                        LedgerJson.read(stored.getValue(), CycleChunk.class).entries());
            }
        }
        // Member ids are ASCII, so String order is byte order, the order the cycle's root was computed in.
        lines.sort(Comparator.comparing(RewardLine::memberId));
        final byte[][] hashes = new byte[lines.size()][];
        long amount = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0 && lines.get(i).memberId().equals(lines.get(i - 1).memberId())) {
                throw new IllegalStateException("Two chunks of cycle " + cycleId + " hold member "
                        + lines.get(i).memberId() + ", whose chunk ranges are disjoint");
            }
            hashes[i] = RewardMerkle.leafHash(lines.get(i));
            try {
                amount = Math.addExact(amount, lines.get(i).amount());
            } catch (ArithmeticException e) {
                throw LedgerRefusal.of(
                        ErrorCode.AMOUNT_OVERFLOW, "the entries of cycle %s add up beyond %d", cycleId, Long.MAX_VALUE);
            }
        }
        return new Leaves(hashes, amount);
    }

    /**
     * @param hashes the leaf hashes in leaf order
     * @param amount the recorded entries' amounts added up
     */
    record Leaves(byte[][] hashes, long amount) {}
}
