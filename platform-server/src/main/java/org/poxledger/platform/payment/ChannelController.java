package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.contract.model.Page;
import org.poxledger.platform.security.PoxUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member's micropayment channels: open, look at, settle, close. */
@RestController
@RequestMapping("/api/v1/me/channels")
@Tag(name = "me: channels", description = "PayWord micropayment channels of the logged-in member")
class ChannelController {

    private final PaymentBroker broker;

    ChannelController(PaymentBroker broker) {
        this.broker = broker;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Open a channel I pay: lock chainLength × unit and commit the root of my chain",
            description = "The chain is generated on my side (w_0 = H^n(seed), SHA-256); the seed never reaches the"
                    + " server. Repeating the same request returns the channel and locks nothing twice.")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, INVALID_ARGUMENT, INVALID_AMOUNT, SELF_TRANSFER, AMOUNT_OVERFLOW")
    @ApiResponse(responseCode = "404", description = "MEMBER_NOT_FOUND")
    @ApiResponse(
            responseCode = "409",
            description = "INSUFFICIENT_FUNDS, MEMBER_SUSPENDED, CHANNEL_EXISTS, CHANNEL_EXPIRED")
    ChannelView open(@AuthenticationPrincipal PoxUser user, @RequestBody OpenChannelRequest request) {
        return broker.open(user.requireMemberId(), request);
    }

    @GetMapping("/{channelId}")
    @Operation(summary = "A channel I am party to: deposit, settled (redeemed), unsettled, refunded")
    @ApiResponse(responseCode = "403", description = "CHANNEL_PARTY_MISMATCH")
    @ApiResponse(responseCode = "404", description = "CHANNEL_NOT_FOUND")
    ChannelView channel(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        return broker.view(user.requireMemberId(), channelId);
    }

    @GetMapping("/{channelId}/history")
    @Operation(summary = "What happened to a channel on the ledger, oldest first; page on with the bookmark")
    Page<ChannelEntry> history(
            @AuthenticationPrincipal PoxUser user,
            @PathVariable String channelId,
            @RequestParam(defaultValue = "20") int pageSize,
            @RequestParam(defaultValue = "") String bookmark) {
        return broker.history(user.requireMemberId(), channelId, pageSize, bookmark);
    }

    @PostMapping("/{channelId}/settle")
    @Operation(summary = "Redeem every payment accepted so far, in one ledger transaction")
    @ApiResponse(responseCode = "409", description = "CHANNEL_EXPIRED, MEMBER_SUSPENDED")
    ChannelView settle(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        String memberId = user.requireMemberId();
        broker.view(memberId, channelId);
        broker.settle(channelId);
        return broker.view(memberId, channelId);
    }

    @PostMapping("/{channelId}/close")
    @Operation(
            summary = "Close a channel: the payee at any time (accepted payments are redeemed first), the payer"
                    + " from expiry on; the unredeemed deposit goes back to the payer")
    @ApiResponse(responseCode = "409", description = "CHANNEL_NOT_EXPIRED, CHANNEL_CLOSED, MEMBER_SUSPENDED")
    ChannelView close(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        return broker.close(user.requireMemberId(), channelId);
    }
}
