package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.ChannelEntry;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.PageRequest;
import org.poxledger.platform.web.Refuses;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member's micropayment channels: open, look at, settle, close. */
@RestController
@RequestMapping("/api/v1/me/channels")
@Tag(name = "me: channels", description = "PayWord micropayment channels of the logged-in member")
class ChannelController {

    private final PaymentBroker broker;
    private final ChannelHistory history;

    ChannelController(PaymentBroker broker, ChannelHistory history) {
        this.broker = broker;
        this.history = history;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Open a channel I pay: lock chainLength × unit and commit the root of my chain",
            description = "The chain is generated on my side (w_0 = H^n(seed), SHA-256); the seed never reaches the"
                    + " server. Repeating the same request returns the channel and locks nothing twice.")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.INVALID_ARGUMENT,
                ErrorCode.INVALID_AMOUNT,
                ErrorCode.SELF_TRANSFER,
                ErrorCode.AMOUNT_OVERFLOW,
                ErrorCode.MEMBER_NOT_FOUND,
                ErrorCode.INSUFFICIENT_FUNDS,
                ErrorCode.MEMBER_SUSPENDED,
                ErrorCode.CHANNEL_EXISTS,
                ErrorCode.CHANNEL_EXPIRED
            },
            ledger = Refuses.Ledger.SUBMITS)
    ChannelView open(@AuthenticationPrincipal PoxUser user, @RequestBody OpenChannelRequest request) {
        return broker.open(user.requireMemberId(), request);
    }

    @GetMapping("/{channelId}")
    @Operation(summary = "A channel I am party to: deposit, settled (redeemed), unsettled, refunded")
    @Refuses(
            value = {ErrorCode.NOT_A_MEMBER, ErrorCode.CHANNEL_PARTY_MISMATCH, ErrorCode.CHANNEL_NOT_FOUND},
            ledger = Refuses.Ledger.EVALUATES)
    ChannelView channel(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        return broker.view(user.requireMemberId(), channelId);
    }

    @GetMapping("/{channelId}/history")
    @Operation(summary = "What happened to a channel on the ledger, oldest first")
    @Refuses(
            value = {ErrorCode.NOT_A_MEMBER, ErrorCode.CHANNEL_PARTY_MISMATCH, ErrorCode.CHANNEL_NOT_FOUND},
            ledger = Refuses.Ledger.EVALUATES)
    PageOf<ChannelEntry> history(
            @AuthenticationPrincipal PoxUser user,
            @PathVariable String channelId,
            @ParameterObject @Valid PageRequest paging) {
        broker.requireVisibleTo(user.requireMemberId(), channelId);
        return history.of(channelId, paging.page(), paging.size());
    }

    @PostMapping("/{channelId}/settle")
    @Operation(summary = "Redeem every payment accepted so far, in one ledger transaction")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                ErrorCode.CHANNEL_NOT_FOUND,
                ErrorCode.CHANNEL_EXPIRED,
                ErrorCode.MEMBER_SUSPENDED
            },
            ledger = Refuses.Ledger.SUBMITS)
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
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                ErrorCode.CHANNEL_NOT_FOUND,
                ErrorCode.CHANNEL_NOT_EXPIRED,
                ErrorCode.CHANNEL_CLOSED,
                ErrorCode.MEMBER_SUSPENDED
            },
            ledger = Refuses.Ledger.SUBMITS)
    ChannelView close(@AuthenticationPrincipal PoxUser user, @PathVariable String channelId) {
        return broker.close(user.requireMemberId(), channelId);
    }
}
