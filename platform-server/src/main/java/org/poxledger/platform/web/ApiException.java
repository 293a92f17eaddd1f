package org.poxledger.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A refused request with a stable error code, answered as an RFC 9457 problem detail. Throw it from services; the
 * {@link ProblemDetailsAdvice} does the rest.
 */
public class ApiException extends RuntimeException {

    private final String code;
    private final HttpStatus status;
    private final String field;

    /**
     * @param status HTTP status to answer with
     * @param code stable machine-readable code, e.g. {@code INVITATION_EXPIRED}
     * @param field the request field at fault, or {@code null}
     * @param message a sentence naming the thing that failed and the value
     */
    public ApiException(HttpStatus status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, field, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, null, message);
    }

    public static ApiException conflict(String code, String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, field, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(HttpStatus.FORBIDDEN, code, null, message);
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
