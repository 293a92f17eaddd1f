package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.poxledger.contract.ContractNames;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.ChunkReceipt;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleChunk;
import org.poxledger.contract.model.CycleDelta;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.RewardChunk;
import org.poxledger.contract.model.RewardChunkPaid;
import org.poxledger.contract.model.RewardEntry;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.contract.model.RewardStatus;

/**
 * Proof-of-Expansion minting (DESIGN §6). The server computes a cycle's entries and submits them in chunks; this
 * contract records each (cycle, member) entry at most once, credits PAID amounts, holds those of SUSPENDED members, and
 * keeps the cycle totals and the total supply.
 *
 * <p>The chunks of one cycle are endorsed in parallel, so no chunk writes a key another chunk reads: after the first
 * chunk has recorded the cycle, a chunk reads only the cycle, the policy, its own chunk key and its members, and
 * writes its chunk key ({@link CycleChunks}: its entries, which fixed member-id ranges keep apart from every other
 * chunk's), blind credits ({@link Balances}), the keys of its held entries, a blind cycle delta ({@link CycleTotals})
 * and a blind supply credit ({@link Supply}). Releases and forfeits write deltas too. What no single chunk can see (the entry count, the
 * Merkle root over all entries, the totals) is checked by {@code SealCycle} once every chunk is in ({@link CycleSeals}).
 */
@Contract(
        name = ContractNames.REWARDS,
        info =
                @Info(
                        title = "PoX rewards",
                        description = "Reward cycles, entries, holds and minting",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class RewardContract implements ContractInterface {

    static final String REWARD_CHUNK_PAID = "RewardChunkPaid";
    static final String REWARD_HOLD_RELEASED = "RewardHoldReleased";
    static final String REWARD_HOLD_FORFEITED = "RewardHoldForfeited";

    private final AccessPolicy access;

    public RewardContract() {
        this(AccessPolicy.fromEnvironment());
    }

    RewardContract(final AccessPolicy access) {
        this.access = access;
    }

    /**
     * Records and pays one chunk of a cycle. The first chunk records the cycle and how it is cut into chunks; later
     * chunks must describe it identically. Each entry must lie in its chunk's member-id range, so no member is in two
     * chunks, and a chunk is recorded once: sent again with the same entries it is skipped whole, so repeated chunks
     * never pay twice. Entries of SUSPENDED members are recorded HELD; amount 0 entries are recorded PAID with nothing
     * credited.
     *
     * @param ctx the transaction context
     * @param chunkJson the chunk, see the wire contract for its shape
     * @return the ChunkReceipt JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PayRewardChunk(final Context ctx, final String chunkJson) {
        access.requireOperator(ctx);
        final RewardChunk chunk = RewardChunkReader.parse(chunkJson);

        final ChaincodeStub stub = ctx.getStub();
        RewardChunkReader.checkAgainst(chunk, PolicyRecords.require(stub, chunk.policyVersion()));
        final Optional<Cycle> recorded = findCycle(stub, chunk.cycleId());
        recorded.ifPresent(cycle -> requireSameCycle(cycle, chunk));
        final Optional<CycleChunk> done = CycleChunks.find(stub, chunk.cycleId(), chunk.chunkIndex());
        if (done.isPresent()) {
            return LedgerJson.text(alreadyRecorded(chunk, done.get()));
        }

        final String txId = stub.getTxId();
        final List<RewardEntry> written = new ArrayList<>();
        final List<String> paid = new ArrayList<>();
        final List<String> held = new ArrayList<>();
        long amountPaid = 0;
        long amountHeld = 0;
        for (final RewardLine line : chunk.entries()) {
            final Member member = MemberRecords.require(stub, line.memberId());
            // Nothing to hold on a zero amount: it is recorded PAID so no admin action is left pending.
            final boolean hold = line.amount() > 0 && member.status() == MemberStatus.SUSPENDED;
            final RewardEntry entry =
                    CycleChunks.entry(chunk.cycleId(), line, txId, hold ? RewardStatus.HELD : RewardStatus.PAID);
            written.add(entry);
            if (hold) {
                // a hold changes status later, so it gets a key of its own; a PAID entry lives in the chunk key only
                stub.putState(LedgerKeys.reward(stub, chunk.cycleId(), line.memberId()), LedgerJson.bytes(entry));
                held.add(line.memberId());
                amountHeld = add(amountHeld, line.amount(), "the held amount of cycle " + chunk.cycleId());
            } else {
                paid.add(line.memberId());
                amountPaid = add(amountPaid, line.amount(), "the paid amount of cycle " + chunk.cycleId());
                if (line.amount() > 0) {
                    Balances.credit(stub, line.memberId(), line.amount());
                }
            }
        }

        if (!written.isEmpty() && CycleSeals.find(stub, chunk.cycleId()).isPresent()) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "cycle %s is sealed and takes no new entry, but this chunk has %d",
                    chunk.cycleId(),
                    written.size());
        }
        if (recorded.isEmpty()) {
            // Only the first chunk writes the cycle key, so the server submits it alone and the rest in parallel.
            stub.putState(
                    LedgerKeys.cycle(stub, chunk.cycleId()),
                    LedgerJson.bytes(Cycle.opened(
                            chunk.chunkStarts(),
                            chunk.cycleEnd(),
                            chunk.cycleId(),
                            chunk.cycleStart(),
                            chunk.entryCount(),
                            chunk.merkleRoot(),
                            chunk.policyVersion())));
        }
        if (!written.isEmpty()) {
            CycleChunks.record(stub, chunk.cycleId(), chunk.chunkIndex(), chunk.entries());
            CycleTotals.record(stub, chunk.cycleId(), CycleDelta.ofChunk(written.size(), amountPaid, amountHeld));
            Supply.mint(stub, amountPaid);
        }
        if (recorded.isEmpty() || !written.isEmpty()) {
            stub.setEvent(
                    REWARD_CHUNK_PAID,
                    LedgerJson.bytes(
                            new RewardChunkPaid(chunk.cycleId(), written, chunk.merkleRoot(), chunk.policyVersion())));
        }
        return LedgerJson.text(new ChunkReceipt(amountHeld, amountPaid, chunk.cycleId(), held, paid, List.of()));
    }

    /** A chunk sent again (a retry, a replay) pays nobody; one with other entries than the recorded ones is refused. */
    private static ChunkReceipt alreadyRecorded(final RewardChunk chunk, final CycleChunk recorded) {
        if (!new HashSet<>(recorded.entries()).equals(new HashSet<>(chunk.entries()))) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "chunk %d of cycle %s was recorded by transaction %s with %d other entries than this one's %d",
                    chunk.chunkIndex(),
                    chunk.cycleId(),
                    recorded.recordedTxId(),
                    recorded.entries().size(),
                    chunk.entries().size());
        }
        return new ChunkReceipt(
                0,
                0,
                chunk.cycleId(),
                List.of(),
                List.of(),
                chunk.entries().stream().map(RewardLine::memberId).toList());
    }

    /**
     * Pays out a held reward: credits the member and moves the amount from held to released.
     *
     * @param ctx the transaction context
     * @param cycleId the cycle
     * @param memberId the member whose entry is HELD
     * @return the RewardEntry JSON, status RELEASED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ReleaseHold(final Context ctx, final String cycleId, final String memberId) {
        access.requireOperator(ctx);
        Arguments.id("cycleId", cycleId);
        Arguments.id("memberId", memberId);

        final ChaincodeStub stub = ctx.getStub();
        final RewardEntry entry = requireHold(stub, requireCycle(stub, cycleId), memberId);
        final RewardEntry released = entry.withStatus(RewardStatus.RELEASED, stub.getTxId());
        stub.putState(LedgerKeys.reward(stub, cycleId, memberId), LedgerJson.bytes(released));
        CycleTotals.record(stub, cycleId, CycleDelta.ofRelease(entry.amount()));
        Balances.credit(stub, memberId, entry.amount());
        Supply.mint(stub, entry.amount());
        stub.setEvent(REWARD_HOLD_RELEASED, LedgerJson.bytes(released));
        return LedgerJson.text(released);
    }

    /**
     * Cancels a held reward: nothing is credited and the amount moves from held to forfeited.
     *
     * @param ctx the transaction context
     * @param cycleId the cycle
     * @param memberId the member whose entry is HELD
     * @return the RewardEntry JSON, status FORFEITED
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ForfeitHold(final Context ctx, final String cycleId, final String memberId) {
        access.requireOperator(ctx);
        Arguments.id("cycleId", cycleId);
        Arguments.id("memberId", memberId);

        final ChaincodeStub stub = ctx.getStub();
        final RewardEntry entry = requireHold(stub, requireCycle(stub, cycleId), memberId);
        // paidTxId keeps the recording transaction: nothing was paid by this one.
        final RewardEntry forfeited = entry.withStatus(RewardStatus.FORFEITED, entry.paidTxId());
        stub.putState(LedgerKeys.reward(stub, cycleId, memberId), LedgerJson.bytes(forfeited));
        CycleTotals.record(stub, cycleId, CycleDelta.ofForfeit(entry.amount()));
        stub.setEvent(REWARD_HOLD_FORFEITED, LedgerJson.bytes(forfeited));
        return LedgerJson.text(forfeited);
    }

    /**
     * @param ctx the transaction context
     * @param cycleId the cycle
     * @return the Cycle JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCycle(final Context ctx, final String cycleId) {
        Arguments.id("cycleId", cycleId);
        final ChaincodeStub stub = ctx.getStub();
        return LedgerJson.text(CycleTotals.current(stub, requireCycle(stub, cycleId)));
    }

    /**
     * Closes a fully paid cycle: checks that the recorded entries are exactly as many as declared, that their Merkle
     * root is the declared one and that the totals are their sum, then folds the totals and the pending supply
     * credits. Sealing a sealed cycle returns the stored seal without a second event; a refused seal changes nothing.
     *
     * @param ctx the transaction context
     * @param cycleId the cycle
     * @return the CycleSeal JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SealCycle(final Context ctx, final String cycleId) {
        access.requireOperator(ctx);
        Arguments.id("cycleId", cycleId);
        final ChaincodeStub stub = ctx.getStub();
        final Cycle cycle = requireCycle(stub, cycleId);
        return LedgerJson.text(CycleSeals.find(stub, cycleId).orElseGet(() -> CycleSeals.seal(stub, cycle)));
    }

    /**
     * @param ctx the transaction context
     * @param cycleId the cycle
     * @param memberId the member
     * @return the RewardEntry JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRewardEntry(final Context ctx, final String cycleId, final String memberId) {
        Arguments.id("cycleId", cycleId);
        Arguments.id("memberId", memberId);
        final ChaincodeStub stub = ctx.getStub();
        final Cycle cycle = requireCycle(stub, cycleId);
        MemberRecords.require(stub, memberId);
        return LedgerJson.text(findEntry(stub, cycle, memberId)
                .orElseThrow(() -> LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_NOT_FOUND,
                        "cycle %s has no reward entry for member %s",
                        cycleId,
                        memberId)));
    }

    /**
     * Lists a member's reward entries, in cycle-id order. A page covers {@code pageSize} cycles, so it holds fewer
     * entries (or none) where the member earned nothing in a cycle; the server serves members their history from its
     * projection of the chunk events, and this is the on-chain check of it.
     *
     * @param ctx the transaction context
     * @param memberId the member
     * @param pageSize 1..1000 cycles
     * @param bookmark "" for the first page, else the bookmark of the previous page
     * @return {@code {"bookmark","items":[RewardEntry]}}, bookmark "" on the last page
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRewardHistory(
            final Context ctx, final String memberId, final String pageSize, final String bookmark) {
        Arguments.id("memberId", memberId);
        final int size = Arguments.pageSize(pageSize);
        final ChaincodeStub stub = ctx.getStub();
        final CompositeKey range = LedgerKeys.cycles(stub);
        Arguments.bookmark(bookmark, range.toString());

        MemberRecords.require(stub, memberId);
        return LedgerJson.text(Pages.readPresent(
                stub,
                range,
                size,
                bookmark,
                cycle -> findEntry(stub, LedgerJson.read(cycle.getValue(), Cycle.class), memberId)));
    }

    private static Optional<Cycle> findCycle(final ChaincodeStub stub, final String cycleId) {
        final byte[] state = stub.getState(LedgerKeys.cycle(stub, cycleId));
        return state == null || state.length == 0 ? Optional.empty() : Optional.of(LedgerJson.read(state, Cycle.class));
    }

    private static Cycle requireCycle(final ChaincodeStub stub, final String cycleId) {
        return findCycle(stub, cycleId)
                .orElseThrow(() -> LedgerRefusal.of(ErrorCode.CYCLE_NOT_FOUND, "cycle %s does not exist", cycleId));
    }

    /** A held (released, forfeited) entry has a key of its own; a PAID one is in its chunk's key. */
    private static Optional<RewardEntry> findEntry(final ChaincodeStub stub, final Cycle cycle, final String memberId) {
        final byte[] state = stub.getState(LedgerKeys.reward(stub, cycle.cycleId(), memberId));
        return state == null || state.length == 0
                ? CycleChunks.recordedEntry(stub, cycle, memberId)
                : Optional.of(LedgerJson.read(state, RewardEntry.class));
    }

    private static RewardEntry requireHold(final ChaincodeStub stub, final Cycle cycle, final String memberId) {
        final String cycleId = cycle.cycleId();
        final Optional<RewardEntry> entry = findEntry(stub, cycle, memberId);
        if (entry.isEmpty()) {
            throw LedgerRefusal.of(
                    ErrorCode.HOLD_NOT_FOUND, "cycle %s has no reward entry for member %s", cycleId, memberId);
        }
        if (entry.get().status() != RewardStatus.HELD) {
            throw LedgerRefusal.of(
                    ErrorCode.HOLD_NOT_FOUND,
                    "the reward of member %s in cycle %s is %s, not HELD",
                    memberId,
                    cycleId,
                    entry.get().status());
        }
        return entry.get();
    }

    private static void requireSameCycle(final Cycle cycle, final RewardChunk chunk) {
        same(cycle, "policyVersion", cycle.policyVersion(), chunk.policyVersion());
        same(cycle, "merkleRoot", cycle.merkleRoot(), chunk.merkleRoot());
        same(cycle, "cycleStart", cycle.cycleStart(), chunk.cycleStart());
        same(cycle, "cycleEnd", cycle.cycleEnd(), chunk.cycleEnd());
        same(cycle, "entryCount", cycle.entryCount(), chunk.entryCount());
        same(cycle, "chunkStarts", cycle.chunkStarts(), chunk.chunkStarts());
    }

    private static void same(final Cycle cycle, final String field, final Object recorded, final Object chunk) {
        if (!recorded.equals(chunk)) {
            throw LedgerRefusal.of(
                    ErrorCode.CYCLE_MISMATCH,
                    "cycle %s was recorded with %s %s but this chunk says %s",
                    cycle.cycleId(),
                    field,
                    recorded,
                    chunk);
        }
    }

    /**
     * @param stub the transaction's stub
     * @return everything minted: the folded supply plus the credits of minting transactions not folded yet
     */
    static long totalSupply(final ChaincodeStub stub) {
        return Supply.total(stub);
    }

    private static long add(final long total, final long amount, final String what) {
        try {
            return Math.addExact(total, amount);
        } catch (ArithmeticException e) {
            throw LedgerRefusal.of(ErrorCode.AMOUNT_OVERFLOW, "%s would exceed %d", what, Long.MAX_VALUE);
        }
    }
}
