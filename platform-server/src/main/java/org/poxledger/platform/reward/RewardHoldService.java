package org.poxledger.platform.reward;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Rewards held for suspended members (DESIGN §6): listed from the graph, released or forfeited on the ledger. */
@Service
public class RewardHoldService {

    private static final Logger log = LoggerFactory.getLogger(RewardHoldService.class);

    private final RewardEntryRepository entries;
    private final RewardLedger ledger;
    private final RewardProjection projection;

    RewardHoldService(RewardEntryRepository entries, RewardLedger ledger, RewardProjection projection) {
        this.entries = entries;
        this.ledger = ledger;
        this.projection = projection;
    }

    /** @return every held entry, by cycle and member */
    public List<StoredRewardEntry> held() {
        return entries.held();
    }

    /** Credits a held reward to the member; the ledger refuses with HOLD_NOT_FOUND if it is not held. */
    public org.poxledger.contract.model.RewardEntry release(String cycleId, String memberId, String admin) {
        org.poxledger.contract.model.RewardEntry entry = ledger.releaseHold(cycleId, memberId);
        projection.onEntryChanged(entry);
        log.info(
                "reward hold of {} in {} released by {} amount={} tx={}",
                memberId,
                cycleId,
                admin,
                entry.amount(),
                entry.paidTxId());
        return entry;
    }

    /** Gives up a held reward for good; the ledger refuses with HOLD_NOT_FOUND if it is not held. */
    public org.poxledger.contract.model.RewardEntry forfeit(String cycleId, String memberId, String admin) {
        org.poxledger.contract.model.RewardEntry entry = ledger.forfeitHold(cycleId, memberId);
        projection.onEntryChanged(entry);
        log.info(
                "reward hold of {} in {} forfeited by {} amount={} tx={}",
                memberId,
                cycleId,
                admin,
                entry.amount(),
                entry.paidTxId());
        return entry;
    }
}
