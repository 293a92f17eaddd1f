package org.poxledger.platform.member;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.level.LevelService;
import org.poxledger.platform.security.AcceptablePassword;
import org.poxledger.platform.security.Passwords;
import org.poxledger.platform.web.PageOf;
import org.poxledger.platform.web.PageRequest;
import org.poxledger.platform.web.Refuses;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/members")
@Tag(name = "admin: members", description = "Genesis members, verification, suspension (ADMIN role)")
class AdminMembersController {

    private static final String MEMBER_ID = "[A-Za-z0-9_-]{1,64}";

    private final MemberRegistration registration;
    private final GenesisRegistration genesis;
    private final MemberRepository members;
    private final LevelService levels;
    private final LedgerClient ledger;

    AdminMembersController(
            MemberRegistration registration,
            GenesisRegistration genesis,
            MemberRepository members,
            LevelService levels,
            LedgerClient ledger) {
        this.registration = registration;
        this.genesis = genesis;
        this.members = members;
        this.levels = levels;
        this.ledger = ledger;
    }

    /**
     * @param network the genesis member's account network
     * @param handle the account's handle
     * @param displayName display name
     * @param email optional e-mail
     * @param username the member's log-in name
     * @param password the member's password
     */
    record GenesisRequest(
            @NotBlank String network,
            @NotBlank @Size(max = 254) String handle,
            @NotBlank @Size(max = 80) String displayName,
            @Email @Size(max = 254) String email,

            @NotBlank @Pattern(regexp = Passwords.USERNAME_PATTERN, message = "must be 3-32 letters, digits, . _ or -")
            String username,

            @NotBlank @AcceptablePassword String password) {

        @Override
        public String toString() {
            return "GenesisRequest[username=" + username + "]";
        }
    }

    /** @param reason why the member is held, at most 280 characters */
    record SuspendRequest(@NotBlank @Size(max = 280) String reason) {}

    @PostMapping("/genesis")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a genesis member (no recommender, VERIFIED) with its log-in")
    @ApiResponse(responseCode = "201", description = "created")
    @Refuses(
            value = {
                ErrorCode.UNKNOWN_NETWORK,
                ErrorCode.MALFORMED_HANDLE,
                ErrorCode.ACCOUNT_ALREADY_REGISTERED,
                ErrorCode.USERNAME_TAKEN
            },
            ledger = Refuses.Ledger.SUBMITS)
    MemberView createGenesis(@Valid @RequestBody GenesisRequest request) {
        SocialAccount account = SocialAccount.of(request.network(), request.handle());
        Member member = genesis.register(
                account, request.displayName(), request.email(), request.username(), request.password());
        return view(member.memberId());
    }

    @PostMapping("/{memberId}/verify")
    @Operation(summary = "Verify a member's identity: ACTIVE → VERIFIED")
    @Refuses(
            value = {ErrorCode.MEMBER_NOT_FOUND, ErrorCode.INVALID_STATUS_TRANSITION},
            ledger = Refuses.Ledger.SUBMITS)
    MemberView verify(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId) {
        registration.verify(memberId);
        return view(memberId);
    }

    @PostMapping("/{memberId}/suspend")
    @Operation(summary = "Put a member on a fraud hold: → SUSPENDED")
    @Refuses(
            value = {ErrorCode.MEMBER_NOT_FOUND, ErrorCode.INVALID_STATUS_TRANSITION},
            ledger = Refuses.Ledger.SUBMITS)
    MemberView suspend(
            @PathVariable @Pattern(regexp = MEMBER_ID) String memberId, @Valid @RequestBody SuspendRequest request) {
        registration.suspend(memberId, request.reason());
        return view(memberId);
    }

    @PostMapping("/{memberId}/reinstate")
    @Operation(summary = "Lift a suspension: SUSPENDED → the status before it")
    @Refuses(
            value = {ErrorCode.MEMBER_NOT_FOUND, ErrorCode.INVALID_STATUS_TRANSITION},
            ledger = Refuses.Ledger.SUBMITS)
    MemberView reinstate(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId) {
        registration.reinstate(memberId);
        return view(memberId);
    }

    @GetMapping
    @Operation(summary = "Members in registration order")
    @ApiResponse(responseCode = "200", description = "one page of members")
    PageOf<MemberView> list(
            @Parameter(description = "only this status") @RequestParam(required = false) MemberStatus status,
            @ParameterObject @Valid PageRequest paging) {
        return members.list(status, paging.page(), paging.size());
    }

    @GetMapping("/{memberId}")
    @Operation(summary = "One member: status, level, score, rate, balance and counts down to the policy's maxDepth")
    @ApiResponse(responseCode = "200", description = "the member")
    @Refuses(value = ErrorCode.MEMBER_NOT_FOUND, ledger = Refuses.Ledger.EVALUATES)
    AdminMemberView one(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId) {
        MemberView member = view(memberId);
        return AdminMemberView.of(
                member, levels.standing(memberId), ledger.getBalance(memberId).balance());
    }

    private MemberView view(String memberId) {
        return members.find(memberId)
                .orElseThrow(() -> Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "member " + memberId + " is unknown"));
    }
}
