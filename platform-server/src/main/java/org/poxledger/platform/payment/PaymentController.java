package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.payword.Receipt;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Micropayments through the broker: one payword per call, checked locally, answered with a signed receipt. */
@RestController
@Tag(name = "payments", description = "PayWord micropayments through the broker (NetPay)")
class PaymentController {

    private final PaymentBroker broker;

    PaymentController(PaymentBroker broker) {
        this.broker = broker;
    }

    @PostMapping("/api/v1/payments")
    @Operation(
            summary = "Pay on a channel by revealing the payword of the new running total",
            description = "index is the total number of units paid so far; the broker checks"
                    + " H^(index - j)(payword) = w_j against the last accepted word, records it and signs a receipt"
                    + " (verify it with GET /api/v1/public/payments/broker-key). Payer or payee of the channel only. On a"
                    + " wallet the payment names its payeeId (the payer, or that payee handing in a word it took"
                    + " offline); past the channel's Mini-Pay cap it is refused with SPENDING_LIMIT_EXCEEDED.")
    @ApiResponse(responseCode = "200", description = "accepted: the signed receipt")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                ErrorCode.CHANNEL_NOT_FOUND,
                ErrorCode.PAYWORD_REPLAYED,
                ErrorCode.PAYWORD_INVALID,
                ErrorCode.PAYWORD_BEYOND_CHAIN,
                ErrorCode.CHANNEL_EXPIRED,
                ErrorCode.CHANNEL_CLOSED,
                ErrorCode.SPENDING_LIMIT_EXCEEDED,
                ErrorCode.SPLIT_INVALID,
                ErrorCode.MEMBER_NOT_FOUND,
                ErrorCode.MEMBER_SUSPENDED
            },
            ledger = Refuses.Ledger.EVALUATES)
    Receipt pay(@AuthenticationPrincipal PoxUser user, @RequestBody PaymentRequest payment) {
        return broker.accept(user.requireMemberId(), payment);
    }

    /** @param payments up to 1000 payments, each on another channel */
    record PaymentBatch(List<PaymentRequest> payments) {}

    @PostMapping("/api/v1/payments/batch")
    @Operation(
            summary = "Pay on several channels in one call, e.g. a payee's gateway passing on its customers' paywords",
            description = "Each payment is checked, recorded and receipted as POST /api/v1/payments would; each gets"
                    + " its receipt or its refusal (code, field, detail) in the answer, in order. A channel appears"
                    + " at most once: several paywords of one chain are one payment.")
    @ApiResponse(responseCode = "200", description = "one outcome per payment, each refusal in its outcome")
    @Refuses(value = ErrorCode.NOT_A_MEMBER, ledger = Refuses.Ledger.EVALUATES)
    List<PaymentOutcome> payAll(@AuthenticationPrincipal PoxUser user, @RequestBody PaymentBatch batch) {
        return broker.acceptAll(user.requireMemberId(), batch.payments());
    }
}
