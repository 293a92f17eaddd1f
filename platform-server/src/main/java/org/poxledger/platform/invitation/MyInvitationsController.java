package org.poxledger.platform.invitation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/invitations")
@Tag(name = "invitations", description = "Inviting acquaintances and accepting invitations")
class MyInvitationsController {

    private final InvitationService invitations;

    MyInvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    /**
     * @param network {@code email}, {@code phone}, {@code wechat}, {@code telegram}, {@code x} or {@code github}
     * @param handle the account on that network
     */
    record InvitationRequest(
            @NotBlank String network,
            @NotBlank @Size(max = 254) String handle) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite an account to join under me (I must be VERIFIED)")
    @ApiResponse(responseCode = "201", description = "invitation created; share its link")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, UNKNOWN_NETWORK (field network), MALFORMED_HANDLE (field handle),"
                    + " SELF_REFERRAL (field handle: your own account)")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @ApiResponse(responseCode = "403", description = "NOT_A_MEMBER: an admin account without a member")
    @ApiResponse(
            responseCode = "409",
            description = "INVITER_NOT_VERIFIED, INVITER_SUSPENDED, ACCOUNT_ALREADY_REGISTERED, DUPLICATE_INVITATION")
    Invitation invite(@AuthenticationPrincipal PoxUser user, @Valid @RequestBody InvitationRequest request) {
        return invitations.invite(user.requireMemberId(), request.network(), request.handle());
    }

    @GetMapping
    @Operation(summary = "My invitations, newest first")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: page < 0 or size outside 1..100")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @ApiResponse(responseCode = "403", description = "NOT_A_MEMBER")
    PageOf<Invitation> mine(
            @AuthenticationPrincipal PoxUser user,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..100")
                    @RequestParam(defaultValue = "20")
                    @Min(1)
                    @Max(PageOf.MAX_SIZE)
                    int size) {
        return invitations.mine(user.requireMemberId(), page, size);
    }
}
