package org.poxledger.chaincode;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.poxledger.contract.model.ChannelAction;

/**
 * Every world-state key the chaincode writes, in one place. Composite keys ({@code type~attr~attr}) are built by the
 * stub so they sort and range-query as Fabric intends; the two single-value keys are simple keys and can never clash
 * with composite keys, which start with a NUL character.
 */
final class LedgerKeys {

    /** {@code member~memberId} → Member. */
    static final String MEMBER = "member";

    /** {@code account~accountHash} → memberId: one member per social account (DESIGN §4.4). */
    static final String ACCOUNT = "account";

    /** {@code recommendee~recommenderId~memberId} → marker, for listing a member's direct recommendees. */
    static final String RECOMMENDEE = "recommendee";

    /** {@code member-suspension~memberId} → Suspension: the status to restore on reinstatement. */
    static final String SUSPENSION = "member-suspension";

    /** {@code policy~<version, 10 digits>} → PolicyRecord; zero-padded so versions sort numerically. */
    static final String POLICY = "policy";

    /** Simple key → the current policy version. */
    static final String CURRENT_POLICY = "policy-current";

    /** {@code cycle~cycleId} → Cycle as the first chunk recorded it, or with the totals its seal folded in. */
    static final String CYCLE = "cycle";

    /** {@code cycle-delta~cycleId~txId} → CycleDelta, written blind by each chunk, release and forfeit. */
    static final String CYCLE_DELTA = "cycle-delta";

    /**
     * {@code cycle-chunk~cycleId~<chunk index, 6 digits>} → CycleChunk, the entries one chunk recorded: the chunk's
     * idempotency key, the record of its PAID entries and the leaves {@code rewards:SealCycle} checks the root from.
     */
    static final String CYCLE_CHUNK = "cycle-chunk";

    /** {@code cycle-seal~cycleId} → CycleSeal, written once by {@code rewards:SealCycle}. */
    static final String CYCLE_SEAL = "cycle-seal";

    /**
     * {@code reward~cycleId~memberId} → RewardEntry of a reward recorded HELD, then RELEASED or FORFEITED; a PAID entry
     * lives in its chunk's key only. (A ledger written before chunk keys holds its PAID entries here too, and they
     * are still found: every entry lookup reads this key first.)
     */
    static final String REWARD = "reward";

    /** Simple key → total minted supply as last folded, by {@code rewards:SealCycle} (see {@link Supply}). */
    static final String TOTAL_SUPPLY = "total-supply";

    /** {@code supply-credit~txId} → the amount one minting transaction added, written blind. */
    static final String SUPPLY_CREDIT = "supply-credit";

    /** {@code balance~memberId} → the folded balance of a member. */
    static final String BALANCE = "balance";

    /** {@code credit~memberId~txId} → one credit, written blind so concurrent credits never conflict. */
    static final String CREDIT = "credit";

    /** {@code transfer~transferId} → Transfer. */
    static final String TRANSFER = "transfer";

    /** {@code member-transfer~memberId~<timestamp, 19 digits>~transferId} → marker, for both parties' history. */
    static final String MEMBER_TRANSFER = "member-transfer";

    /** {@code channel~channelId} → Channel: one key per channel, so channels never conflict with each other. */
    static final String CHANNEL = "channel";

    /**
     * {@code channel-entry~channelId~<redeemed index after it, 10 digits>~<step>} → ChannelEntry, the channel's
     * history in the order it happened whatever the timestamps: OPENED (step 0) at index 0, each REDEEMED (step 1) at
     * its strictly higher index, CLOSED (step 2) last.
     */
    static final String CHANNEL_ENTRY = "channel-entry";

    /**
     * {@code channel-limit~channelId~<day, YYYY-MM-DD>} → SpendingLimit, one Mini-Pay limit per channel and day; the
     * channel record carries the day of the latest and the redeem cap they leave.
     */
    static final String CHANNEL_LIMIT = "channel-limit";

    private LedgerKeys() {}

    /**
     * Index entries carry no data, but Fabric treats an empty value as a delete, so they hold one NUL byte (as the
     * fabric-samples marble index does).
     *
     * @return the value of an index entry
     */
    static byte[] marker() {
        return new byte[] {0};
    }

    static String member(final ChaincodeStub stub, final String memberId) {
        return key(stub, MEMBER, memberId);
    }

    static String account(final ChaincodeStub stub, final String accountHash) {
        return key(stub, ACCOUNT, accountHash);
    }

    static String recommendee(final ChaincodeStub stub, final String recommenderId, final String memberId) {
        return key(stub, RECOMMENDEE, recommenderId, memberId);
    }

    static CompositeKey recommendeesOf(final ChaincodeStub stub, final String recommenderId) {
        return stub.createCompositeKey(RECOMMENDEE, recommenderId);
    }

    static String suspension(final ChaincodeStub stub, final String memberId) {
        return key(stub, SUSPENSION, memberId);
    }

    static String policy(final ChaincodeStub stub, final int version) {
        return key(stub, POLICY, String.format("%010d", version));
    }

    static String cycle(final ChaincodeStub stub, final String cycleId) {
        return key(stub, CYCLE, cycleId);
    }

    static String cycleDelta(final ChaincodeStub stub, final String cycleId, final String txId) {
        return key(stub, CYCLE_DELTA, cycleId, txId);
    }

    static CompositeKey cycleDeltasOf(final ChaincodeStub stub, final String cycleId) {
        return stub.createCompositeKey(CYCLE_DELTA, cycleId);
    }

    static String cycleChunk(final ChaincodeStub stub, final String cycleId, final int chunkIndex) {
        return key(stub, CYCLE_CHUNK, cycleId, String.format("%06d", chunkIndex));
    }

    static CompositeKey cycleChunksOf(final ChaincodeStub stub, final String cycleId) {
        return stub.createCompositeKey(CYCLE_CHUNK, cycleId);
    }

    static CompositeKey cycles(final ChaincodeStub stub) {
        return stub.createCompositeKey(CYCLE);
    }

    static String cycleSeal(final ChaincodeStub stub, final String cycleId) {
        return key(stub, CYCLE_SEAL, cycleId);
    }

    static String supplyCredit(final ChaincodeStub stub, final String txId) {
        return key(stub, SUPPLY_CREDIT, txId);
    }

    static CompositeKey supplyCredits(final ChaincodeStub stub) {
        return stub.createCompositeKey(SUPPLY_CREDIT);
    }

    static String reward(final ChaincodeStub stub, final String cycleId, final String memberId) {
        return key(stub, REWARD, cycleId, memberId);
    }

    static String balance(final ChaincodeStub stub, final String memberId) {
        return key(stub, BALANCE, memberId);
    }

    static String credit(final ChaincodeStub stub, final String memberId, final String txId) {
        return key(stub, CREDIT, memberId, txId);
    }

    static CompositeKey creditsOf(final ChaincodeStub stub, final String memberId) {
        return stub.createCompositeKey(CREDIT, memberId);
    }

    static String transfer(final ChaincodeStub stub, final String transferId) {
        return key(stub, TRANSFER, transferId);
    }

    static String memberTransfer(
            final ChaincodeStub stub, final String memberId, final long timestamp, final String transferId) {
        return key(stub, MEMBER_TRANSFER, memberId, String.format("%019d", timestamp), transferId);
    }

    static CompositeKey transfersOf(final ChaincodeStub stub, final String memberId) {
        return stub.createCompositeKey(MEMBER_TRANSFER, memberId);
    }

    static String channel(final ChaincodeStub stub, final String channelId) {
        return key(stub, CHANNEL, channelId);
    }

    static String channelEntry(
            final ChaincodeStub stub, final String channelId, final long toIndex, final ChannelAction action) {
        return key(stub, CHANNEL_ENTRY, channelId, String.format("%010d", toIndex), String.valueOf(action.ordinal()));
    }

    static String channelLimit(final ChaincodeStub stub, final String channelId, final String day) {
        return key(stub, CHANNEL_LIMIT, channelId, day);
    }

    static CompositeKey entriesOf(final ChaincodeStub stub, final String channelId) {
        return stub.createCompositeKey(CHANNEL_ENTRY, channelId);
    }

    private static String key(final ChaincodeStub stub, final String type, final String... attributes) {
        return stub.createCompositeKey(type, attributes).toString();
    }
}
