package org.poxledger.platform.wallet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.PageRequest;
import org.poxledger.platform.web.Refuses;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member's wallet: balance, history, transfers. The payer is always the logged-in member. */
@RestController
@RequestMapping("/api/v1/me/wallet")
@Tag(name = "me: wallet", description = "Balance, transfer history and transfers of the logged-in member")
class WalletController {

    private final WalletService wallet;

    WalletController(WalletService wallet) {
        this.wallet = wallet;
    }

    @GetMapping
    @Operation(summary = "My balance, in minor units and for display")
    @Refuses(value = ErrorCode.NOT_A_MEMBER, ledger = Refuses.Ledger.EVALUATES)
    WalletService.Balance balance(@AuthenticationPrincipal PoxUser user) {
        return wallet.balance(user.requireMemberId());
    }

    @GetMapping("/transfers")
    @Operation(summary = "My transfers, both directions, oldest first")
    @Refuses(value = ErrorCode.NOT_A_MEMBER, ledger = Refuses.Ledger.EVALUATES)
    PageOf<TransferView> history(@AuthenticationPrincipal PoxUser user, @ParameterObject @Valid PageRequest paging) {
        return wallet.history(user.requireMemberId(), paging.page(), paging.size());
    }

    @PostMapping("/transfers")
    @Operation(
            summary = "Pay another member",
            description = "Idempotent: the key comes from the Idempotency-Key header or the transferId field. A retry"
                    + " with the same key and content answers 200 with the first transfer and moves nothing; the same"
                    + " key with other content is 409 TRANSFER_ID_CONFLICT.")
    @ApiResponse(responseCode = "201", description = "transferred")
    @ApiResponse(responseCode = "200", description = "the same transfer was made before; nothing moved now")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
                ErrorCode.SELF_TRANSFER,
                ErrorCode.INVALID_AMOUNT,
                ErrorCode.AMOUNT_OVERFLOW,
                ErrorCode.MEMBER_NOT_FOUND,
                ErrorCode.INSUFFICIENT_FUNDS,
                ErrorCode.MEMBER_SUSPENDED,
                ErrorCode.TRANSFER_ID_CONFLICT
            },
            ledger = Refuses.Ledger.SUBMITS)
    ResponseEntity<TransferView> transfer(
            @AuthenticationPrincipal PoxUser user,
            @Parameter(description = "the transfer id, unless the body has it")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey,
            @Valid @RequestBody TransferRequest request) {
        WalletService.Outcome outcome = wallet.transfer(user.requireMemberId(), idempotencyKey, request);
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.transfer());
    }
}
