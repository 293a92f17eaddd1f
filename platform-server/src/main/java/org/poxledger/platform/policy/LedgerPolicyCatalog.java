package org.poxledger.platform.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.poxledger.contract.ErrorCode;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.ledger.Committed;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published policies, read from the ledger ({@code policies:GetCurrentPolicy} / {@code GetPolicy}). Published
 * versions never change, so each is cached forever once read; the current version is refreshed whenever this
 * instance publishes or the event listener reports {@code PolicyPublished} (another instance published).
 *
 * <p>The first caller that finds no policy on the ledger publishes {@link RewardPolicy#defaultPolicy()} as version 1.
 * That is idempotent: the chaincode returns the stored record when the same content is published again, and a
 * concurrent instance that loses the race gets POLICY_VERSION_CONFLICT only if it published something else.
 */
@Component
public class LedgerPolicyCatalog implements PolicyCatalog {

    private static final Logger log = LoggerFactory.getLogger(LedgerPolicyCatalog.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LedgerClient ledger;
    private final Map<Integer, PolicyRecord> versions = new ConcurrentHashMap<>();
    private final AtomicReference<PolicyRecord> current = new AtomicReference<>();

    public LedgerPolicyCatalog(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public RewardPolicy current() {
        return currentRecord().policy();
    }

    @Override
    public Optional<RewardPolicy> version(int version) {
        return record(version).map(PolicyRecord::policy);
    }

    /** @return the current policy's record, from the cache once known */
    public PolicyRecord currentRecord() {
        PolicyRecord known = current.get();
        return known != null ? known : refreshCurrent();
    }

    /**
     * Reads the current policy from the ledger, bypassing the cache: for decisions that must not act on a version
     * another instance has already replaced (publishing the next version, closing a reward cycle).
     *
     * @return the current policy's record, publishing the default policy first if none exists
     */
    public PolicyRecord refreshCurrent() {
        try {
            return remember(PolicyRecord.of(ledger.getCurrentPolicy()));
        } catch (LedgerException e) {
            if (!ErrorCode.POLICY_NOT_FOUND.is(e.code())) {
                throw e;
            }
            log.info("no reward policy on the ledger yet: publishing the default policy as version 1");
            return publish(RewardPolicy.defaultPolicy());
        }
    }

    /** @return the published record of that version, if any */
    public Optional<PolicyRecord> record(int version) {
        if (version < 1) {
            return Optional.empty();
        }
        PolicyRecord cached = versions.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        return LedgerClient.absentOn(() -> ledger.getPolicy(version), ErrorCode.POLICY_NOT_FOUND)
                .map(PolicyRecord::of)
                .map(this::remember);
    }

    /** @return every published version, oldest first */
    public List<PolicyRecord> history() {
        int latest = refreshCurrent().version();
        List<PolicyRecord> records = new ArrayList<>(latest);
        for (int v = 1; v <= latest; v++) {
            record(v).ifPresent(records::add);
        }
        return records;
    }

    /**
     * Publishes a policy on-chain; its version must be the current version + 1 (or 1 when none exists).
     *
     * @return the ledger's record of it
     * @throws PolicyInvalidException when the policy breaks a rule (nothing is submitted)
     * @throws LedgerException e.g. POLICY_VERSION_CONFLICT when another version was published meanwhile
     */
    public PolicyRecord publish(RewardPolicy policy) {
        List<PolicyViolation> violations = PolicyValidator.validate(policy);
        if (!violations.isEmpty()) {
            throw new PolicyInvalidException(violations);
        }
        Committed<org.poxledger.contract.model.PolicyRecord> result = ledger.publishPolicy(toJson(policy));
        PolicyRecord record = remember(PolicyRecord.of(result.value()));
        log.info(
                "published reward policy version={} hash={} tx={}",
                record.version(),
                record.contentHash(),
                result.transactionId());
        return record;
    }

    /**
     * Applies a {@code PolicyPublished} chaincode event (its payload is the PolicyRecord JSON).
     *
     * @param payload the event payload
     */
    public void onPolicyPublished(byte[] payload) {
        PolicyRecord record = remember(parse(payload));
        log.debug("policy version {} seen in a PolicyPublished event", record.version());
    }

    /** Forgets the current version (not the immutable versions), so the next read asks the ledger again. */
    public void forgetCurrent() {
        current.set(null);
    }

    static String toJson(RewardPolicy policy) {
        return JSON.writeValueAsString(policy);
    }

    static PolicyRecord parse(byte[] json) {
        return LedgerPayloads.read(json, PolicyRecord.class);
    }

    private PolicyRecord remember(PolicyRecord record) {
        versions.putIfAbsent(record.version(), record);
        current.accumulateAndGet(
                record, (known, seen) -> known == null || seen.version() > known.version() ? seen : known);
        return record;
    }
}
