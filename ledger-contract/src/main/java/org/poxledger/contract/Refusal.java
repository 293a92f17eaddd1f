package org.poxledger.contract;

import java.util.Map;
import java.util.Objects;

/**
 * A request the platform refuses: a stable {@link ErrorCode} and the request field at fault. Domain code throws it and
 * knows nothing of HTTP; the web layer chooses the status from {@link ErrorCode#category()} and the portal shows the
 * message next to {@link #field()}. (The chaincode cannot throw it: Fabric needs a {@code ChaincodeException}.)
 */
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    /**
     * @param code the stable code
     * @param field the request field at fault, or {@code null} for the request as a whole
     * @param message a sentence naming the thing that failed and the value
     */
    public Refusal(final ErrorCode code, final String field, final String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /**
     * @param code the stable code; the refusal concerns the code's own {@link ErrorCode#field()}
     * @param message a sentence naming the thing that failed and the value
     * @return the refusal
     */
    public static Refusal of(final ErrorCode code, final String message) {
        return new Refusal(code, code.field(), message);
    }

    /**
     * @param code the stable code
     * @param field the request field at fault, or {@code null} for the request as a whole
     * @param message a sentence naming the thing that failed and the value
     * @return the refusal
     */
    public static Refusal of(final ErrorCode code, final String field, final String message) {
        return new Refusal(code, field, message);
    }

    /** @return the stable code */
    public ErrorCode code() {
        return code;
    }

    /** @return the request field at fault, or {@code null} */
    public String field() {
        return field;
    }

    /** @return field → message for a refusal that names several fields at once; empty for most refusals */
    public Map<String, String> fieldErrors() {
        return Map.of();
    }
}
