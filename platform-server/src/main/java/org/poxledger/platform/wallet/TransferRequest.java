package org.poxledger.platform.wallet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A transfer from the logged-in member.
 *
 * @param transferId the idempotency key, unless the {@code Idempotency-Key} header carries it; a retry with the same
 *     key and content returns the first result and moves no money again
 * @param toMemberId the payee
 * @param amount minor units, a positive integer
 * @param memo optional free text, at most 280 characters
 */
public record TransferRequest(
        @Pattern(regexp = TransferRequest.ID, message = "must match " + TransferRequest.ID)
        String transferId,

        @NotBlank(message = "is required")
        @Pattern(regexp = TransferRequest.ID, message = "must match " + TransferRequest.ID)
        String toMemberId,

        @NotNull(message = "is required") @Positive(message = "must be a positive number of minor units")
        Long amount,

        @Size(max = 280, message = "must have at most 280 characters")
        String memo) {

    static final String ID = "[A-Za-z0-9_-]{1,64}";
}
