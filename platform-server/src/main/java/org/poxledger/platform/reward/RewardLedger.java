package org.poxledger.platform.reward;

import java.util.List;
import java.util.Optional;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code rewards} contract of docs/ledger-wire.md, typed. */
@Component
public class RewardLedger {

    static final String CYCLE_NOT_FOUND = "CYCLE_NOT_FOUND";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LedgerConnection ledger;

    public RewardLedger(LedgerConnection ledger) {
        this.ledger = ledger;
    }

    /**
     * Submits one chunk; entries the ledger already recorded for the cycle are skipped by the chaincode.
     *
     * @return the receipt and the transaction id
     */
    Paid payChunk(CyclePlan plan, List<RewardEntry> entries) {
        Chunk chunk = new Chunk(
                plan.cycleId(),
                plan.policyVersion(),
                plan.merkleRoot(),
                plan.cycleStart(),
                plan.cycleEnd(),
                plan.entryCount(),
                entries.stream()
                        .map(e -> new ChunkLine(
                                e.amount(), e.events(), e.level(), e.memberId(), e.rateBps(), e.scoreBps()))
                        .toList());
        LedgerResult result = ledger.submit("rewards:PayRewardChunk", JSON.writeValueAsString(chunk));
        return new Paid(LedgerPayloads.read(result.payload(), ChunkReceipt.class), result.transactionId());
    }

    /** @return the cycle as recorded on-chain, empty when no chunk of it was recorded yet */
    public Optional<LedgerCycle> cycle(String cycleId) {
        try {
            return Optional.of(LedgerPayloads.read(ledger.evaluate("rewards:GetCycle", cycleId), LedgerCycle.class));
        } catch (LedgerException e) {
            if (CYCLE_NOT_FOUND.equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @return the recorded entry, empty when the ledger has none for (cycle, member) */
    public Optional<LedgerRewardEntry> entry(String cycleId, String memberId) {
        try {
            return Optional.of(toEntry(
                    LedgerPayloads.read(ledger.evaluate("rewards:GetRewardEntry", cycleId, memberId), Wire.class)));
        } catch (LedgerException e) {
            if (CYCLE_NOT_FOUND.equals(e.code())
                    || "MEMBER_NOT_FOUND".equals(e.code())
                    || "REWARD_ENTRY_NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    LedgerRewardEntry releaseHold(String cycleId, String memberId) {
        return toEntry(LedgerPayloads.read(
                ledger.submit("rewards:ReleaseHold", cycleId, memberId).payload(), Wire.class));
    }

    LedgerRewardEntry forfeitHold(String cycleId, String memberId) {
        return toEntry(LedgerPayloads.read(
                ledger.submit("rewards:ForfeitHold", cycleId, memberId).payload(), Wire.class));
    }

    /** @return the cycle id and entries of a {@code RewardChunkPaid} event */
    static ChunkPaidEvent chunkPaidEvent(byte[] payload) {
        ChunkEvent event = LedgerPayloads.read(payload, ChunkEvent.class);
        return new ChunkPaidEvent(
                event.cycleId(),
                event.merkleRoot(),
                event.policyVersion(),
                event.entries().stream().map(RewardLedger::toEntry).toList());
    }

    /** @return the entry of a {@code RewardHoldReleased} / {@code RewardHoldForfeited} event */
    static LedgerRewardEntry entryEvent(byte[] payload) {
        return toEntry(LedgerPayloads.read(payload, Wire.class));
    }

    private static LedgerRewardEntry toEntry(Wire wire) {
        return new LedgerRewardEntry(
                wire.cycleId(),
                new RewardEntry(
                        wire.memberId(), wire.scoreBps(), wire.level(), wire.rateBps(), wire.events(), wire.amount()),
                RewardStatus.valueOf(wire.status()),
                wire.paidTxId());
    }

    /**
     * A committed chunk.
     *
     * @param receipt the chaincode's receipt
     * @param txId its transaction
     */
    record Paid(ChunkReceipt receipt, String txId) {}

    /** {@code ChunkReceipt} of the wire contract. */
    record ChunkReceipt(
            long amountHeld,
            long amountPaid,
            String cycleId,
            List<String> held,
            List<String> paid,
            List<String> skipped) {

        ChunkReceipt {
            held = held == null ? List.of() : List.copyOf(held);
            paid = paid == null ? List.of() : List.copyOf(paid);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }
    }

    /**
     * The parsed {@code RewardChunkPaid} event.
     *
     * @param cycleId the cycle
     * @param merkleRoot its root
     * @param policyVersion its policy
     * @param entries the entries this chunk recorded (paid or held)
     */
    record ChunkPaidEvent(String cycleId, String merkleRoot, int policyVersion, List<LedgerRewardEntry> entries) {}

    private record Chunk(
            String cycleId,
            int policyVersion,
            String merkleRoot,
            long cycleStart,
            long cycleEnd,
            int entryCount,
            List<ChunkLine> entries) {}

    private record ChunkLine(long amount, long events, int level, String memberId, int rateBps, long scoreBps) {}

    private record Wire(
            long amount,
            String cycleId,
            long events,
            int level,
            String memberId,
            String paidTxId,
            int rateBps,
            long scoreBps,
            String status) {}

    private record ChunkEvent(String cycleId, List<Wire> entries, String merkleRoot, int policyVersion) {}
}
