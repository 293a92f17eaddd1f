package org.poxledger.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** Which HTTP status each chaincode error code deserves (docs/ledger-wire.md lists the codes). */
final class LedgerErrorStatus {

    private static final Map<String, HttpStatus> BY_CODE = Map.ofEntries(
            Map.entry("ACCESS_DENIED", HttpStatus.FORBIDDEN),
            Map.entry("INVALID_ARGUMENT", HttpStatus.BAD_REQUEST),
            Map.entry("MALFORMED_JSON", HttpStatus.BAD_REQUEST),
            Map.entry("POLICY_INVALID", HttpStatus.BAD_REQUEST),
            Map.entry("REWARD_ENTRY_INVALID", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_AMOUNT", HttpStatus.BAD_REQUEST),
            Map.entry("AMOUNT_OVERFLOW", HttpStatus.BAD_REQUEST),
            Map.entry("SELF_TRANSFER", HttpStatus.BAD_REQUEST),
            Map.entry("SELF_REFERRAL", HttpStatus.BAD_REQUEST),
            Map.entry("MEMBER_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("RECOMMENDER_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("POLICY_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("CYCLE_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("HOLD_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("REWARD_ENTRY_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("TRANSFER_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("CHANNEL_NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("LEDGER_UNAVAILABLE", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("COMMIT_FAILED", HttpStatus.SERVICE_UNAVAILABLE),
            // only once the server's own bounded retries are spent (ConflictRetryingLedgerConnection)
            Map.entry("READ_CONFLICT", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("CHAINCODE_ERROR", HttpStatus.BAD_GATEWAY));

    private LedgerErrorStatus() {}

    /** Anything not listed is a business rule the request broke, hence 409 Conflict. */
    static HttpStatus of(String code) {
        return BY_CODE.getOrDefault(code, HttpStatus.CONFLICT);
    }
}
