package org.poxledger.platform.policy;

import java.time.Clock;
import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The admin's policy workflow: one draft, edited and validated, then published on-chain as current + 1. */
@Service
public class PolicyDraftService {

    private static final Logger log = LoggerFactory.getLogger(PolicyDraftService.class);

    private final PolicyDraftRepository drafts;
    private final LedgerPolicyCatalog catalog;
    private final Clock clock;

    PolicyDraftService(PolicyDraftRepository drafts, LedgerPolicyCatalog catalog, Clock clock) {
        this.drafts = drafts;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** @return the stored draft, or an unsaved copy of the current policy to start editing from */
    public PolicyDraft draft() {
        return drafts.find().orElseGet(() -> {
            PolicyRecord current = catalog.currentRecord();
            return new PolicyDraft(PolicyDocument.of(current.policy()), current.version(), 0, null, false);
        });
    }

    /** @return the stored draft, if an admin saved one */
    public java.util.Optional<PolicyDraft> savedDraft() {
        return drafts.find();
    }

    /**
     * Replaces the draft after checking every chaincode rule.
     *
     * @throws PolicyInvalidException naming every violated rule and its field; nothing is stored then
     */
    public PolicyDraft save(PolicyDocument document, String admin) {
        List<PolicyViolation> violations = PolicyValidator.validate(document);
        if (!violations.isEmpty()) {
            throw new PolicyInvalidException(violations);
        }
        PolicyDraft draft = new PolicyDraft(document, catalog.currentRecord().version(), clock.millis(), admin, true);
        drafts.save(draft);
        log.info("policy draft saved by {} (based on version {})", admin, draft.basedOnVersion());
        return draft;
    }

    public void discard(String admin) {
        drafts.delete();
        log.info("policy draft discarded by {}", admin);
    }

    /**
     * Publishes the stored draft on-chain as the current version + 1 and removes the draft.
     *
     * @return the ledger's record of the new version
     * @throws Refusal DRAFT_NOT_FOUND when no draft is stored
     */
    public PolicyRecord publish(String admin) {
        PolicyDraft draft = drafts.find()
                .orElseThrow(() -> Refusal.of(ErrorCode.DRAFT_NOT_FOUND, "there is no saved policy draft to publish"));
        int next = Math.addExact(catalog.refreshCurrent().version(), 1);
        PolicyRecord record = catalog.publish(draft.document().toPolicy(next));
        drafts.delete();
        log.info("policy draft published by {} as version {} (tx {})", admin, record.version(), record.publishedTxId());
        return record;
    }
}
