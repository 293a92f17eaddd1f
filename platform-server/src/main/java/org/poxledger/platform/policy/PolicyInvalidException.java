package org.poxledger.platform.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that breaks one or more rules; answered as POLICY_INVALID with one error per field. */
public class PolicyInvalidException extends RuntimeException {

    private final List<PolicyViolation> violations;

    public PolicyInvalidException(List<PolicyViolation> violations) {
        super("policy is invalid: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
