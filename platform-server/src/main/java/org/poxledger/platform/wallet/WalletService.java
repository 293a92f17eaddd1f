package org.poxledger.platform.wallet;

import java.util.List;
import java.util.regex.Pattern;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Currency;
import org.poxledger.contract.model.Transfer;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.web.PageOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Balances, transfer history and transfers of members (DESIGN §7), read from and written to the ledger. */
@Service
public class WalletService {

    private static final Logger log = LoggerFactory.getLogger(WalletService.class);
    private static final Pattern ID = Pattern.compile(TransferRequest.ID);

    private final MoneyLedger money;
    private final WalletProjection projection;
    private final LedgerPolicyCatalog policies;

    WalletService(MoneyLedger money, WalletProjection projection, LedgerPolicyCatalog policies) {
        this.money = money;
        this.projection = projection;
        this.policies = policies;
    }

    /**
     * @param memberId the member
     * @param balance the balance
     */
    public record Balance(String memberId, Money balance) {}

    /**
     * @param transfer the transfer
     * @param created {@code false} when the idempotency key had been used before (nothing moved this time)
     */
    public record Outcome(TransferView transfer, boolean created) {}

    public Balance balance(String memberId) {
        return new Balance(memberId, Money.of(money.balance(memberId), currency()));
    }

    /**
     * A member's transfers, both directions, oldest first, as projected into the graph (every list of the API pages
     * the same way, with {@link PageOf}; the ledger's own history pages with bookmarks, which cannot jump to a page).
     *
     * @param page 0-based
     * @param size 1..{@link PageOf#MAX_SIZE}
     */
    public PageOf<TransferView> history(String memberId, int page, int size) {
        if (page < 0) {
            throw Refusal.of(ErrorCode.VALIDATION_FAILED, "page", "page must be at least 0, was " + page);
        }
        if (size < 1 || size > PageOf.MAX_SIZE) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "size",
                    "size must be between 1 and " + PageOf.MAX_SIZE + ", was " + size);
        }
        PageOf<Transfer> transfers = projection.transfers(memberId, page, size);
        Currency currency = currency();
        return new PageOf<>(
                transfers.items().stream().map(t -> view(t, memberId, currency)).toList(),
                page,
                size,
                transfers.total());
    }

    /** @return at most {@code count} of a member's transfers, newest first */
    public List<TransferView> newest(String memberId, int count) {
        Currency currency = currency();
        return projection.newestTransfers(memberId, count).stream()
                .map(t -> view(t, memberId, currency))
                .toList();
    }

    /**
     * Transfers from the payer (always the logged-in member) to another member.
     *
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @throws Refusal for a missing or conflicting key, an unknown payee or a self-transfer; ledger refusals
     *     (INSUFFICIENT_FUNDS, MEMBER_SUSPENDED, TRANSFER_ID_CONFLICT) pass through as {@link LedgerException}
     */
    public Outcome transfer(String payer, String idempotencyKey, TransferRequest request) {
        String transferId = transferId(idempotencyKey, request.transferId());
        if (payer.equals(request.toMemberId())) {
            throw Refusal.of(ErrorCode.SELF_TRANSFER, "toMemberId", "member " + payer + " cannot pay itself");
        }
        // no evaluate of the payee first: the chaincode checks it in the same endorsement, one round trip less
        MoneyLedger.Submitted submitted = submitTransfer(transferId, payer, request);
        try {
            projection.project(submitted.transfer());
        } catch (RuntimeException e) {
            // the ledger committed; the chaincode-event listener projects the transfer later
            log.warn(
                    "transfer {} committed (tx {}) but not projected yet: {}",
                    transferId,
                    submitted.transfer().txId(),
                    e.getMessage());
        }
        log.info(
                "transfer {} from {} to {} amount={} tx={} {}",
                transferId,
                payer,
                request.toMemberId(),
                request.amount(),
                submitted.transfer().txId(),
                submitted.created() ? "committed" : "replayed");
        return new Outcome(view(submitted.transfer(), payer, currency()), submitted.created());
    }

    /** @return minted minor units over all time */
    public Money totalSupply() {
        return Money.of(money.totalSupply(), currency());
    }

    private static String transferId(String header, String body) {
        String key = header != null && !header.isBlank() ? header.strip() : null;
        if (key != null && body != null && !key.equals(body)) {
            throw Refusal.of(
                    ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
                    "transferId",
                    "the Idempotency-Key header " + key + " and the body's transferId " + body + " differ");
        }
        String id = key != null ? key : body;
        if (id == null || id.isBlank()) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "transferId",
                    "transferId is required: send an Idempotency-Key header or a transferId field");
        }
        if (!ID.matcher(id).matches()) {
            throw Refusal.of(
                    ErrorCode.VALIDATION_FAILED,
                    "transferId",
                    "transferId must match " + TransferRequest.ID + ", was " + id);
        }
        return id;
    }

    private MoneyLedger.Submitted submitTransfer(String transferId, String payer, TransferRequest request) {
        try {
            return money.transfer(transferId, payer, request.toMemberId(), request.amount(), request.memo());
        } catch (LedgerException e) {
            // the chaincode names the member it did not find; the payer is the signed-in member, so it is the payee
            if (ErrorCode.MEMBER_NOT_FOUND.is(e.code()) && !e.getMessage().contains("member " + payer + " ")) {
                throw Refusal.of(
                        ErrorCode.MEMBER_NOT_FOUND, "toMemberId", "payee " + request.toMemberId() + " is not a member");
            }
            throw e;
        }
    }

    private Currency currency() {
        return policies.currentRecord().policy().currency();
    }

    private static TransferView view(Transfer t, String viewer, Currency currency) {
        return new TransferView(
                t.transferId(),
                t.txId(),
                viewer.equals(t.fromMemberId()) ? TransferView.Direction.OUT : TransferView.Direction.IN,
                t.fromMemberId(),
                t.toMemberId(),
                Money.of(t.amount(), currency),
                t.memo(),
                t.timestamp());
    }
}
