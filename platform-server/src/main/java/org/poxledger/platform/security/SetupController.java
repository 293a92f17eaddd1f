package org.poxledger.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Set;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.web.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@SecurityRequirements // public: no credentials (security: [] in the OpenAPI document)
@RestController
@RequestMapping("/api/v1/setup")
@Tag(name = "setup", description = "Creating the first admin with the one-time token printed at first start")
class SetupController {

    private final SetupService setup;

    SetupController(SetupService setup) {
        this.setup = setup;
    }

    /**
     * @param token the one-time token from the server log
     * @param username the admin's username
     * @param password the admin's password
     */
    record SetupRequest(
            @NotBlank String token,

            @NotBlank @Pattern(regexp = Passwords.USERNAME_PATTERN, message = "must be 3-32 letters, digits, . _ or -")
            String username,

            @NotBlank @AcceptablePassword String password) {

        @Override
        public String toString() {
            return "SetupRequest[username=" + username + "]";
        }
    }

    /** @param complete whether an admin exists */
    record SetupStatus(boolean complete) {}

    /** @param username the created admin @param roles its roles */
    record AdminCreated(String username, Set<String> roles) {}

    @GetMapping
    @Operation(summary = "Whether the first admin exists")
    SetupStatus status() {
        return new SetupStatus(setup.isComplete());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create the first admin, once")
    @ApiResponse(responseCode = "201", description = "admin created")
    @Refuses({
        ErrorCode.SETUP_TOKEN_INVALID,
        ErrorCode.SETUP_ALREADY_DONE,
        ErrorCode.USERNAME_TAKEN,
        ErrorCode.TOO_MANY_ATTEMPTS
    })
    AdminCreated create(@Valid @RequestBody SetupRequest request) {
        PoxUser admin = setup.createFirstAdmin(request.token(), request.username(), request.password());
        return new AdminCreated(admin.username(), admin.roles());
    }
}
