package org.poxledger.chaincode;

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
import org.poxledger.contract.model.Balance;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.contract.model.TotalSupply;
import org.poxledger.contract.model.Transfer;

/**
 * Balances and on-chain transfers (DESIGN §7). Amounts are integer minor units; money is minted only by the reward
 * contract. See {@link Balances} for why a payment never reads the payee's balance.
 */
@Contract(
        name = ContractNames.MONEY,
        info =
                @Info(
                        title = "PoX money",
                        description = "Balances, idempotent transfers and total supply",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class MoneyContract implements ContractInterface {

    static final String TRANSFER_COMPLETED = "TransferCompleted";

    private final AccessPolicy access;

    public MoneyContract() {
        this(AccessPolicy.fromEnvironment());
    }

    MoneyContract(final AccessPolicy access) {
        this.access = access;
    }

    /**
     * Moves money between two members. Repeating a transfer with the same id and content returns the stored transfer
     * without a second debit or event.
     *
     * @param ctx the transaction context
     * @param transferId client-chosen idempotency id, {@code [A-Za-z0-9_-]{1,64}}
     * @param fromMemberId the payer, not SUSPENDED
     * @param toMemberId the payee, not SUSPENDED
     * @param amount positive minor units, decimal
     * @param memo free text, "" allowed, at most 280 characters
     * @return the Transfer JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Transfer(
            final Context ctx,
            final String transferId,
            final String fromMemberId,
            final String toMemberId,
            final String amount,
            final String memo) {
        access.requireOperator(ctx);
        Arguments.id("transferId", transferId);
        Arguments.id("fromMemberId", fromMemberId);
        Arguments.id("toMemberId", toMemberId);
        final long units = Arguments.amount("amount", amount);
        Arguments.optionalText("memo", memo);
        if (fromMemberId.equals(toMemberId)) {
            throw LedgerRefusal.of(ErrorCode.SELF_TRANSFER, "member %s cannot transfer to itself", fromMemberId);
        }

        final ChaincodeStub stub = ctx.getStub();
        final String transferKey = LedgerKeys.transfer(stub, transferId);
        final byte[] stored = stub.getState(transferKey);
        if (stored != null && stored.length > 0) {
            final Transfer existing = LedgerJson.read(stored, Transfer.class);
            if (existing.sameRequest(fromMemberId, toMemberId, units, memo)) {
                return LedgerJson.text(existing);
            }
            throw LedgerRefusal.of(
                    ErrorCode.TRANSFER_ID_CONFLICT,
                    "transfer %s already exists with other content (%d from %s to %s)",
                    transferId,
                    existing.amount(),
                    existing.fromMemberId(),
                    existing.toMemberId());
        }
        requireNotSuspended(MemberRecords.require(stub, fromMemberId), "payer");
        requireNotSuspended(MemberRecords.require(stub, toMemberId), "payee");

        Balances.debit(stub, fromMemberId, units);
        Balances.credit(stub, toMemberId, units);
        final long now = stub.getTxTimestamp().toEpochMilli();
        final Transfer transfer = new Transfer(units, fromMemberId, memo, now, toMemberId, transferId, stub.getTxId());
        stub.putState(transferKey, LedgerJson.bytes(transfer));
        stub.putState(LedgerKeys.memberTransfer(stub, fromMemberId, now, transferId), LedgerKeys.marker());
        stub.putState(LedgerKeys.memberTransfer(stub, toMemberId, now, transferId), LedgerKeys.marker());
        stub.setEvent(TRANSFER_COMPLETED, LedgerJson.bytes(transfer));
        return LedgerJson.text(transfer);
    }

    /**
     * @param ctx the transaction context
     * @param memberId the member
     * @return {@code {"balance","memberId"}}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetBalance(final Context ctx, final String memberId) {
        Arguments.id("memberId", memberId);
        final ChaincodeStub stub = ctx.getStub();
        MemberRecords.require(stub, memberId);
        return LedgerJson.text(new Balance(Balances.balanceOf(stub, memberId), memberId));
    }

    /**
     * @param ctx the transaction context
     * @param transferId the transfer id
     * @return the Transfer JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTransfer(final Context ctx, final String transferId) {
        Arguments.id("transferId", transferId);
        final ChaincodeStub stub = ctx.getStub();
        final byte[] stored = stub.getState(LedgerKeys.transfer(stub, transferId));
        if (stored == null || stored.length == 0) {
            throw LedgerRefusal.of(ErrorCode.TRANSFER_NOT_FOUND, "transfer %s does not exist", transferId);
        }
        return LedgerJson.text(LedgerJson.read(stored, Transfer.class));
    }

    /**
     * Lists the transfers a member paid or received, oldest first (newest last).
     *
     * @param ctx the transaction context
     * @param memberId the member
     * @param pageSize 1..1000
     * @param bookmark "" for the first page, else the bookmark of the previous page
     * @return {@code {"bookmark","items":[Transfer]}}, bookmark "" on the last page
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTransferHistory(
            final Context ctx, final String memberId, final String pageSize, final String bookmark) {
        Arguments.id("memberId", memberId);
        final int size = Arguments.pageSize(pageSize);
        final ChaincodeStub stub = ctx.getStub();
        final CompositeKey range = LedgerKeys.transfersOf(stub, memberId);
        Arguments.bookmark(bookmark, range.toString());

        MemberRecords.require(stub, memberId);
        return LedgerJson.text(Pages.read(stub, range, size, bookmark, key -> {
            final String transferId = key.getAttributes().get(2);
            final byte[] stored = stub.getState(LedgerKeys.transfer(stub, transferId));
            if (stored == null || stored.length == 0) {
                throw new IllegalStateException("Transfer index points at a missing transfer " + transferId);
            }
            return LedgerJson.read(stored, Transfer.class);
        }));
    }

    /**
     * @param ctx the transaction context
     * @return {@code {"totalSupply"}}: everything minted (PAID plus RELEASED rewards)
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTotalSupply(final Context ctx) {
        return LedgerJson.text(new TotalSupply(RewardContract.totalSupply(ctx.getStub())));
    }

    private static void requireNotSuspended(final Member member, final String role) {
        if (member.status() == MemberStatus.SUSPENDED) {
            throw LedgerRefusal.of(
                    ErrorCode.MEMBER_SUSPENDED,
                    "%s %s is SUSPENDED and cannot take part in transfers",
                    role,
                    member.memberId());
        }
    }
}
