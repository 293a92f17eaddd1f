package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in member's NetPay e-wallets: one chain spent at several payees, each settlement split between them
 * on-chain. Paying, settling and closing go through the channel endpoints; a wallet payment names its payeeId.
 */
@RestController
@RequestMapping("/api/v1/me/wallets")
@Tag(name = "me: wallets", description = "NetPay e-wallets: one PayWord chain spent at several payees")
class WalletChannelController {

    private final PaymentBroker broker;

    WalletChannelController(PaymentBroker broker) {
        this.broker = broker;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Open a wallet I pay: lock chainLength × unit and commit the root of my chain",
            description = "Spend it with POST /api/v1/payments naming the payeeId; settlements (POST"
                    + " /api/v1/me/channels/{id}/settle, the threshold, or before expiry) split the redeemed amount"
                    + " between the payees in one ledger transaction. Only I close it, from expiresAt on.")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.INVALID_ARGUMENT,
                ErrorCode.INVALID_AMOUNT,
                ErrorCode.AMOUNT_OVERFLOW,
                ErrorCode.MEMBER_NOT_FOUND,
                ErrorCode.INSUFFICIENT_FUNDS,
                ErrorCode.MEMBER_SUSPENDED,
                ErrorCode.CHANNEL_EXISTS,
                ErrorCode.CHANNEL_EXPIRED
            },
            ledger = Refuses.Ledger.SUBMITS)
    ChannelView open(@AuthenticationPrincipal PoxUser user, @RequestBody OpenWalletRequest request) {
        return broker.open(user.requireMemberId(), request.asChannel());
    }

    @GetMapping("/{channelId}/shares")
    @Operation(
            summary = "What each payee of a wallet was paid through the broker, and how much of it is settled",
            description = "The payer, or a payee of the wallet. settled is what the ledger's redeemed index covers.")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                ErrorCode.CHANNEL_NOT_FOUND,
                ErrorCode.CHANNEL_KIND_MISMATCH
            },
            ledger = Refuses.Ledger.EVALUATES)
    List<WalletShares.PayeeAmounts> shares(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        return broker.walletShares(user.requireMemberId(), channelId);
    }
}
