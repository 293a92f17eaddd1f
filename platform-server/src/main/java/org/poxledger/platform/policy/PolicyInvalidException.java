package org.poxledger.platform.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;

/** A policy that breaks one or more rules; refused as POLICY_INVALID with one error per field. */
public class PolicyInvalidException extends Refusal {

    private final List<PolicyViolation> violations;
    private final Map<String, String> errors;

    public PolicyInvalidException(List<PolicyViolation> violations) {
        super(ErrorCode.POLICY_INVALID, onlyField(violations), message(violations));
        this.violations = List.copyOf(violations);
        this.errors = errors(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }

    @Override
    public Map<String, String> fieldErrors() {
        return errors;
    }

    private static String message(List<PolicyViolation> violations) {
        return "policy is invalid: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }

    private static Map<String, String> errors(List<PolicyViolation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        return java.util.Collections.unmodifiableMap(errors);
    }

    private static String onlyField(List<PolicyViolation> violations) {
        Map<String, String> errors = errors(violations);
        return errors.size() == 1 ? errors.keySet().iterator().next() : null;
    }
}
