package org.poxledger.platform.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.Balance;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelChange;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.ChunkReceipt;
import org.poxledger.contract.model.Cycle;
import org.poxledger.contract.model.CycleSeal;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.Page;
import org.poxledger.contract.model.PayeeShare;
import org.poxledger.contract.model.PolicyRecord;
import org.poxledger.contract.model.RewardChunk;
import org.poxledger.contract.model.RewardEntry;
import org.poxledger.contract.model.SpendingLimitChange;
import org.poxledger.contract.model.TotalSupply;
import org.poxledger.contract.model.Transfer;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire contract ({@code docs/ledger-wire.md}), typed: one method per transaction of
 * {@link org.poxledger.contract.Transaction}, arguments and answers as the contract module's records. Whatever
 * {@link LedgerConnection} it wraps (Fabric, embedded, or a decorator), a refusal surfaces as a
 * {@link LedgerException} with the chaincode's code.
 *
 * <pre>{@code
 * Committed<Transfer> paid = ledger.transfer("t-1", "m_alice", "m_bob", 250, "lunch");
 * long balance = ledger.getBalance("m_bob").balance();
 * }</pre>
 */
@Component
public class LedgerClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JavaType MEMBER_PAGE = JSON.getTypeFactory().constructParametricType(Page.class, Member.class);
    private static final JavaType ENTRY_PAGE =
            JSON.getTypeFactory().constructParametricType(Page.class, RewardEntry.class);
    private static final JavaType TRANSFER_PAGE =
            JSON.getTypeFactory().constructParametricType(Page.class, Transfer.class);
    private static final JavaType CHANNEL_ENTRY_PAGE =
            JSON.getTypeFactory().constructParametricType(Page.class, ChannelEntry.class);

    private final LedgerConnection ledger;

    public LedgerClient(LedgerConnection ledger) {
        this.ledger = ledger;
    }

    // ---- members

    public Committed<Member> registerGenesisMember(String memberId, String accountHash) {
        return submit(Member.class, Transaction.REGISTER_GENESIS_MEMBER, memberId, accountHash);
    }

    public Committed<Member> registerMember(String memberId, String accountHash, String recommenderId) {
        return submit(Member.class, Transaction.REGISTER_MEMBER, memberId, accountHash, recommenderId);
    }

    public Committed<Member> verifyMember(String memberId) {
        return submit(Member.class, Transaction.VERIFY_MEMBER, memberId);
    }

    public Committed<Member> suspendMember(String memberId, String reason) {
        return submit(Member.class, Transaction.SUSPEND_MEMBER, memberId, reason);
    }

    public Committed<Member> reinstateMember(String memberId) {
        return submit(Member.class, Transaction.REINSTATE_MEMBER, memberId);
    }

    public Member getMember(String memberId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_MEMBER, memberId), Member.class);
    }

    /** @return the member, empty when the ledger answers MEMBER_NOT_FOUND */
    public Optional<Member> findMember(String memberId) {
        return absentOn(() -> getMember(memberId), ErrorCode.MEMBER_NOT_FOUND);
    }

    /**
     * @param pageSize 1..1000
     * @param bookmark "" for the first page
     */
    public Page<Member> listRecommendees(String memberId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                evaluate(Transaction.LIST_RECOMMENDEES, memberId, Integer.toString(pageSize), bookmark), MEMBER_PAGE);
    }

    // ---- policies

    /** @param policyJson the policy as the wire contract's policy JSON */
    public Committed<PolicyRecord> publishPolicy(String policyJson) {
        return submit(PolicyRecord.class, Transaction.PUBLISH_POLICY, policyJson);
    }

    public PolicyRecord getCurrentPolicy() {
        return LedgerPayloads.read(evaluate(Transaction.GET_CURRENT_POLICY), PolicyRecord.class);
    }

    public PolicyRecord getPolicy(int version) {
        return LedgerPayloads.read(evaluate(Transaction.GET_POLICY, Integer.toString(version)), PolicyRecord.class);
    }

    // ---- rewards

    public Committed<ChunkReceipt> payRewardChunk(RewardChunk chunk) {
        return submit(ChunkReceipt.class, Transaction.PAY_REWARD_CHUNK, JSON.writeValueAsString(chunk));
    }

    public Committed<RewardEntry> releaseHold(String cycleId, String memberId) {
        return submit(RewardEntry.class, Transaction.RELEASE_HOLD, cycleId, memberId);
    }

    public Committed<RewardEntry> forfeitHold(String cycleId, String memberId) {
        return submit(RewardEntry.class, Transaction.FORFEIT_HOLD, cycleId, memberId);
    }

    public Committed<CycleSeal> sealCycle(String cycleId) {
        return submit(CycleSeal.class, Transaction.SEAL_CYCLE, cycleId);
    }

    public Cycle getCycle(String cycleId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_CYCLE, cycleId), Cycle.class);
    }

    public RewardEntry getRewardEntry(String cycleId, String memberId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_REWARD_ENTRY, cycleId, memberId), RewardEntry.class);
    }

    public Page<RewardEntry> getRewardHistory(String memberId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                evaluate(Transaction.GET_REWARD_HISTORY, memberId, Integer.toString(pageSize), bookmark), ENTRY_PAGE);
    }

    // ---- money

    /** @param memo free text, {@code null} sent as "" */
    public Committed<Transfer> transfer(String transferId, String from, String to, long amount, String memo) {
        return submit(
                Transfer.class,
                Transaction.TRANSFER,
                transferId,
                from,
                to,
                Long.toString(amount),
                memo == null ? "" : memo);
    }

    public Balance getBalance(String memberId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_BALANCE, memberId), Balance.class);
    }

    public Transfer getTransfer(String transferId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_TRANSFER, transferId), Transfer.class);
    }

    public Page<Transfer> getTransferHistory(String memberId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                evaluate(Transaction.GET_TRANSFER_HISTORY, memberId, Integer.toString(pageSize), bookmark),
                TRANSFER_PAGE);
    }

    public TotalSupply getTotalSupply() {
        return LedgerPayloads.read(evaluate(Transaction.GET_TOTAL_SUPPLY), TotalSupply.class);
    }

    // ---- channels

    public Committed<ChannelChange> openChannel(
            String channelId,
            String payerId,
            String payeeId,
            long unit,
            long chainLength,
            String root,
            long expiresAt) {
        return submit(
                ChannelChange.class,
                Transaction.OPEN_CHANNEL,
                channelId,
                payerId,
                payeeId,
                Long.toString(unit),
                Long.toString(chainLength),
                root,
                Long.toString(expiresAt));
    }

    public Committed<ChannelChange> redeem(String channelId, String payeeId, long index, String payword) {
        return submit(ChannelChange.class, Transaction.REDEEM, channelId, payeeId, Long.toString(index), payword);
    }

    /** A NetPay e-wallet: a channel without a payee of its own, redeemed by {@link #redeemSplit}. */
    public Committed<ChannelChange> openWalletChannel(
            String channelId, String payerId, long unit, long chainLength, String root, long expiresAt) {
        return submit(
                ChannelChange.class,
                Transaction.OPEN_WALLET_CHANNEL,
                channelId,
                payerId,
                Long.toString(unit),
                Long.toString(chainLength),
                root,
                Long.toString(expiresAt));
    }

    /** Redeems a wallet up to {@code index}, crediting each payee its share (they add up to the amount redeemed). */
    public Committed<ChannelChange> redeemSplit(String channelId, long index, String payword, List<PayeeShare> shares) {
        return submit(
                ChannelChange.class,
                Transaction.REDEEM_SPLIT,
                channelId,
                Long.toString(index),
                payword,
                JSON.writeValueAsString(Map.of("shares", shares)));
    }

    /** Registers a Mini-Pay daily spending limit; the channel then cannot be redeemed past the cap it leaves. */
    public Committed<SpendingLimitChange> certifySpending(String channelId, String day, long fromIndex, long limit) {
        return submit(
                SpendingLimitChange.class,
                Transaction.CERTIFY_SPENDING,
                channelId,
                day,
                Long.toString(fromIndex),
                Long.toString(limit));
    }

    public Committed<ChannelChange> closeChannel(String channelId, String actorId) {
        return submit(ChannelChange.class, Transaction.CLOSE_CHANNEL, channelId, actorId);
    }

    /** @throws LedgerException CHANNEL_NOT_FOUND */
    public Channel getChannel(String channelId) {
        return LedgerPayloads.read(evaluate(Transaction.GET_CHANNEL, channelId), Channel.class);
    }

    /** @return the channel, empty when the ledger answers CHANNEL_NOT_FOUND */
    public Optional<Channel> findChannel(String channelId) {
        return absentOn(() -> getChannel(channelId), ErrorCode.CHANNEL_NOT_FOUND);
    }

    /** @return one page of the channel's history, oldest first */
    public Page<ChannelEntry> getChannelHistory(String channelId, int pageSize, String bookmark) {
        return LedgerPayloads.read(
                evaluate(Transaction.GET_CHANNEL_HISTORY, channelId, Integer.toString(pageSize), bookmark),
                CHANNEL_ENTRY_PAGE);
    }

    /**
     * @param read a lookup
     * @param absent the codes that mean "there is none"
     * @return the value, empty when the ledger refused with one of those codes
     */
    public static <T> Optional<T> absentOn(java.util.function.Supplier<T> read, ErrorCode... absent) {
        try {
            return Optional.of(read.get());
        } catch (LedgerException e) {
            for (ErrorCode code : absent) {
                if (code.is(e.code())) {
                    return Optional.empty();
                }
            }
            throw e;
        }
    }

    private <T> Committed<T> submit(Class<T> type, Transaction transaction, String... args) {
        LedgerResult result = ledger.submit(transaction.wireName(), args);
        return new Committed<>(
                LedgerPayloads.read(result.payload(), type), result.transactionId(), result.blockNumber());
    }

    private byte[] evaluate(Transaction transaction, String... args) {
        return ledger.evaluate(transaction.wireName(), args);
    }
}
