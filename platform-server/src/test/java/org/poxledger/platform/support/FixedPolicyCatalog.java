package org.poxledger.platform.support;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;

/** A policy catalog for graph tests that need no ledger: the current policy is whatever the test sets. */
public final class FixedPolicyCatalog implements PolicyCatalog {

    private final Map<Integer, RewardPolicy> versions = new ConcurrentHashMap<>();
    private volatile RewardPolicy current;

    public FixedPolicyCatalog(RewardPolicy policy) {
        use(policy);
    }

    /** Makes a policy current (and known by its version). */
    public void use(RewardPolicy policy) {
        versions.put(policy.version(), policy);
        current = policy;
    }

    @Override
    public RewardPolicy current() {
        return current;
    }

    @Override
    public Optional<RewardPolicy> version(int version) {
        return Optional.ofNullable(versions.get(version));
    }
}
