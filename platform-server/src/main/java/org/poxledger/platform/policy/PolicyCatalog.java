package org.poxledger.platform.policy;

import java.util.Optional;

/** The published reward policies. The ledger holds them; implementations may cache, since versions never change. */
public interface PolicyCatalog {

    /** @return the policy in force (the default policy is published as version 1 at first start) */
    RewardPolicy current();

    /** @return the published policy of that version, if any */
    Optional<RewardPolicy> version(int version);
}
