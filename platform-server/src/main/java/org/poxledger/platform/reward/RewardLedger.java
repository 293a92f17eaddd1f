package org.poxledger.platform.reward;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.ChunkReceipt;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;
import org.poxledger.contract.model.RewardChunk;
import org.poxledger.contract.model.RewardChunkPaid;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.platform.ledger.Committed;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.springframework.stereotype.Component;

/** The reward engine's view of the {@code rewards} contract: plans become chunks, "not found" becomes empty. */
@Component
public class RewardLedger {

    private final LedgerClient ledger;

    public RewardLedger(LedgerClient ledger) {
        this.ledger = ledger;
    }

    /**
     * Submits one chunk; a chunk the ledger already recorded is skipped whole by the chaincode.
     *
     * @param chunkIndex the chunk
     * @param chunkStarts how the cycle is cut into chunks, the same for every chunk of it
     * @param entries the chunk's entries, every one inside its range
     * @return the receipt and the transaction id
     */
    Paid payChunk(CyclePlan plan, int chunkIndex, List<String> chunkStarts, List<RewardLine> entries) {
        RewardChunk chunk = new RewardChunk(
                plan.cycleId(),
                plan.policyVersion(),
                plan.merkleRoot(),
                plan.cycleStart(),
                plan.cycleEnd(),
                plan.entryCount(),
                entries.stream().map(Function.identity()).toList(),
                chunkIndex,
                chunkStarts);
        Committed<ChunkReceipt> committed = ledger.payRewardChunk(chunk);
        return new Paid(committed.value(), committed.transactionId());
    }

    /**
     * Seals a fully paid cycle; sealing it again returns the stored seal.
     *
     * @return the seal: entry count, Merkle root and total checked on-chain
     */
    CycleSeal seal(String cycleId) {
        return ledger.sealCycle(cycleId).value();
    }

    /** @return the cycle as recorded on-chain, empty when no chunk of it was recorded yet */
    public Optional<Cycle> cycle(String cycleId) {
        return LedgerClient.absentOn(() -> ledger.getCycle(cycleId), ErrorCode.CYCLE_NOT_FOUND);
    }

    /** @return the recorded entry, empty when the ledger has none for (cycle, member) */
    public Optional<org.poxledger.contract.model.RewardEntry> entry(String cycleId, String memberId) {
        return LedgerClient.absentOn(
                () -> ledger.getRewardEntry(cycleId, memberId),
                ErrorCode.CYCLE_NOT_FOUND,
                ErrorCode.MEMBER_NOT_FOUND,
                ErrorCode.REWARD_ENTRY_NOT_FOUND);
    }

    org.poxledger.contract.model.RewardEntry releaseHold(String cycleId, String memberId) {
        return ledger.releaseHold(cycleId, memberId).value();
    }

    org.poxledger.contract.model.RewardEntry forfeitHold(String cycleId, String memberId) {
        return ledger.forfeitHold(cycleId, memberId).value();
    }

    /** @return the payload of a {@code RewardChunkPaid} event */
    static RewardChunkPaid chunkPaidEvent(byte[] payload) {
        return LedgerPayloads.read(payload, RewardChunkPaid.class);
    }

    /** @return the entry of a {@code RewardHoldReleased} / {@code RewardHoldForfeited} event */
    static org.poxledger.contract.model.RewardEntry entryEvent(byte[] payload) {
        return LedgerPayloads.read(payload, org.poxledger.contract.model.RewardEntry.class);
    }

    /**
     * A committed chunk.
     *
     * @param receipt the chaincode's receipt
     * @param txId its transaction
     */
    record Paid(ChunkReceipt receipt, String txId) {}
}
