package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.poxledger.contract.ErrorCode;
import org.poxledger.payword.SpendingCertificate;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.Refuses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Mini-Pay: the broker's signed daily spending certificate for a channel the logged-in member pays. */
@RestController
@Tag(name = "me: channels", description = "PayWord micropayment channels of the logged-in member")
class SpendingCertificateController {

    private final SpendingCertificates certificates;

    SpendingCertificateController(SpendingCertificates certificates) {
        this.certificates = certificates;
    }

    /** @param limit minor units I may spend today on the channel, at least one unit */
    record SpendingCertificateRequest(
            @Schema(example = "500") long limit) {}

    @PostMapping("/api/v1/me/channels/{channelId}/spending-certificate")
    @Operation(
            summary = "Today's Mini-Pay spending certificate for a channel I pay",
            description = "The broker registers the daily limit on the ledger, then signs (Ed25519, the key of GET"
                    + " /api/v1/public/payments/broker-key) the certificate: channel, payer, UTC day, the touchstone"
                    + " (fromIndex, fromWord) and the limit. A payee accepts my payments up to the limit while offline,"
                    + " checking only the signature and the hashes (payword-client OfflinePayee). Past every limit the"
                    + " ledger refuses to redeem (SPENDING_LIMIT_EXCEEDED). Asking again today with the same limit"
                    + " returns the same certificate.")
    @ApiResponse(responseCode = "200", description = "the signed certificate")
    @Refuses(
            value = {
                ErrorCode.NOT_A_MEMBER,
                ErrorCode.INVALID_AMOUNT,
                ErrorCode.SPENDING_CERTIFICATE_INVALID,
                ErrorCode.CHANNEL_PARTY_MISMATCH,
                ErrorCode.CHANNEL_NOT_FOUND,
                ErrorCode.SPENDING_CERTIFICATE_CONFLICT,
                ErrorCode.CHANNEL_CLOSED,
                ErrorCode.CHANNEL_EXPIRED,
                ErrorCode.MEMBER_SUSPENDED
            },
            ledger = Refuses.Ledger.SUBMITS)
    SpendingCertificate issue(
            @AuthenticationPrincipal PoxUser user,
            @PathVariable String channelId,
            @RequestBody SpendingCertificateRequest request) {
        return certificates.issue(user.requireMemberId(), channelId, request.limit());
    }
}
