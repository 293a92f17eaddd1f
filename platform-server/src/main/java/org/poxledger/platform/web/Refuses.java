package org.poxledger.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.poxledger.contract.ErrorCode;

/**
 * The refusals an API operation answers with of its own, beyond those every operation of its kind can get (see
 * {@link RefusalResponses}): the OpenAPI document lists them as one problem+json response per HTTP status, the status
 * taken from {@link ProblemStatus#of(ErrorCode)}.
 *
 * <pre>{@code
 * @PostMapping("/{memberId}/verify")
 * @Refuses(value = {ErrorCode.MEMBER_NOT_FOUND, ErrorCode.INVALID_STATUS_TRANSITION}, ledger = Ledger.SUBMITS)
 * MemberView verify(@PathVariable String memberId) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {

    /** @return the codes this operation refuses with itself (service and chaincode refusals) */
    ErrorCode[] value() default {};

    /** @return how the operation uses the ledger, which decides the transport failures it can answer */
    Ledger ledger() default Ledger.NONE;

    /** How an operation uses the ledger port. */
    enum Ledger {
        /** graph and accounts only */
        NONE,
        /** evaluates (reads): the ledger may be unreachable or fail without a code */
        EVALUATES,
        /** submits (writes): also read conflicts that outlast the retries, and failed commits */
        SUBMITS
    }
}
