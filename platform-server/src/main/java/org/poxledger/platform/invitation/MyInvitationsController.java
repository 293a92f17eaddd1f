package org.poxledger.platform.invitation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.PageRequest;
import org.poxledger.platform.web.Refuses;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
    @Refuses({
        ErrorCode.NOT_A_MEMBER,
        ErrorCode.UNKNOWN_NETWORK,
        ErrorCode.MALFORMED_HANDLE,
        ErrorCode.SELF_REFERRAL,
        ErrorCode.MEMBER_NOT_FOUND,
        ErrorCode.INVITER_NOT_VERIFIED,
        ErrorCode.INVITER_SUSPENDED,
        ErrorCode.ACCOUNT_ALREADY_REGISTERED,
        ErrorCode.DUPLICATE_INVITATION
    })
    Invitation invite(@AuthenticationPrincipal PoxUser user, @Valid @RequestBody InvitationRequest request) {
        return invitations.invite(user.requireMemberId(), request.network(), request.handle());
    }

    @GetMapping
    @Operation(summary = "My invitations, newest first")
    @Refuses(ErrorCode.NOT_A_MEMBER)
    PageOf<Invitation> mine(@AuthenticationPrincipal PoxUser user, @ParameterObject @Valid PageRequest paging) {
        return invitations.mine(user.requireMemberId(), paging.page(), paging.size());
    }
}
