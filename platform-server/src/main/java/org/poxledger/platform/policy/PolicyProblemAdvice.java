package org.poxledger.platform.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * POLICY_INVALID as an RFC 9457 problem detail with {@code errors}: field → message, every violated rule listed (the
 * shared advice in {@code web/} carries one field per problem, a policy edit can break several at once).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PolicyProblemAdvice {

    @ExceptionHandler(PolicyInvalidException.class)
    ProblemDetail policyInvalid(PolicyInvalidException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.violations().forEach(v -> errors.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("code", "POLICY_INVALID");
        problem.setProperty("errors", errors);
        if (errors.size() == 1) {
            problem.setProperty("field", errors.keySet().iterator().next());
        }
        return problem;
    }
}
