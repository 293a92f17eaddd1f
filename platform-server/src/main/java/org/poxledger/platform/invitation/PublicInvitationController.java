package org.poxledger.platform.invitation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.security.AcceptablePassword;
import org.poxledger.platform.security.Passwords;
import org.poxledger.platform.web.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The invitee's side, reached through the link before they have an account: no authentication. */
@RestController
@RequestMapping("/api/v1/invitations/{code}")
@Tag(name = "invitations")
@SecurityRequirements
class PublicInvitationController {

    private final InvitationService invitations;

    PublicInvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    /**
     * @param username the new log-in name
     * @param password the new password
     * @param displayName how other members see the new member
     * @param email optional contact address (an {@code email:} invitation uses its own address)
     */
    record AcceptRequest(
            @NotBlank @Pattern(regexp = Passwords.USERNAME_PATTERN, message = "must be 3-32 letters, digits, . _ or -")
            String username,

            @NotBlank @AcceptablePassword String password,

            @NotBlank @Size(max = 80) String displayName,
            @Email @Size(max = 254) String email) {

        @Override
        public String toString() {
            return "AcceptRequest[username=" + username + "]";
        }
    }

    /** @param memberId the new member @param status its status (ACTIVE until verified) @param username its log-in */
    record Registered(String memberId, MemberStatus status, String username) {}

    @GetMapping
    @Operation(summary = "Look an invitation up by its code")
    @Refuses({
        ErrorCode.INVITATION_NOT_FOUND,
        ErrorCode.INVITATION_ALREADY_ACCEPTED,
        ErrorCode.INVITATION_EXPIRED,
        ErrorCode.TOO_MANY_ATTEMPTS
    })
    InvitationService.PublicInvitation lookup(@PathVariable String code) {
        return invitations.lookup(code);
    }

    @PostMapping("/accept")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Accept an invitation: register as a member under the inviter and create my log-in")
    @ApiResponse(responseCode = "201", description = "registered (status ACTIVE)")
    @Refuses(
            value = {
                ErrorCode.INVITATION_NOT_FOUND,
                ErrorCode.INVITATION_ALREADY_ACCEPTED,
                ErrorCode.INVITATION_EXPIRED,
                ErrorCode.USERNAME_TAKEN,
                ErrorCode.ACCOUNT_ALREADY_REGISTERED,
                ErrorCode.RECOMMENDER_NOT_VERIFIED,
                ErrorCode.TOO_MANY_ATTEMPTS
            },
            ledger = Refuses.Ledger.SUBMITS)
    Registered accept(@PathVariable String code, @Valid @RequestBody AcceptRequest request) {
        Member member = invitations.accept(
                code, request.username(), request.password(), request.displayName(), request.email());
        return new Registered(
                member.memberId(), member.status(), request.username().toLowerCase(java.util.Locale.ROOT));
    }
}
