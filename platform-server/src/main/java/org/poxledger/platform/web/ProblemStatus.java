package org.poxledger.platform.web;

import org.poxledger.contract.ErrorCode;
import org.springframework.http.HttpStatus;

/** The one place where a refusal's {@link ErrorCode.Category} becomes an HTTP status (API and portal alike). */
public final class ProblemStatus {

    private ProblemStatus() {}

    /** @return the status for a code's category */
    public static HttpStatus of(ErrorCode code) {
        return switch (code.category()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case LEDGER_FAILURE -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * @param code a ledger exception's code
     * @return its status; a code that is not ours is a business rule the request broke, hence 409 Conflict
     */
    public static HttpStatus ofLedgerCode(String code) {
        return ErrorCode.of(code).map(ProblemStatus::of).orElse(HttpStatus.CONFLICT);
    }
}
