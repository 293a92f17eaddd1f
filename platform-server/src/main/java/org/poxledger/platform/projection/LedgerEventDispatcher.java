package org.poxledger.platform.projection;

import java.util.ArrayList;
import java.util.List;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.platform.level.DepthCounterRecomputer;
import org.poxledger.platform.member.MemberBatchProjection;
import org.poxledger.platform.member.MemberProjection;
import org.poxledger.platform.payment.ChannelProjection;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.reward.RewardProjection;
import org.poxledger.platform.wallet.WalletProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes each chaincode event to the projection that owns it. Every projection is idempotent, so an event may be
 * dispatched any number of times. Events of unknown names are skipped (a newer chaincode may emit more).
 *
 * <p>A batch ({@link #applyAll}) is cut into runs of consecutive events of one kind: a run of member events is
 * projected in one transaction, a run of transfers in two statements, anything else (policies, reward chunks, rare
 * and heavy) one by one. Ledger order is kept between runs, so the graph ends as if every event had been applied
 * alone.
 */
@Component
class LedgerEventDispatcher {

    static final String POLICY_PUBLISHED = "PolicyPublished";

    private static final Logger log = LoggerFactory.getLogger(LedgerEventDispatcher.class);

    private final MemberProjection members;
    private final MemberBatchProjection memberBatches;
    private final LedgerPolicyCatalog policies;
    private final DepthCounterRecomputer levels;
    private final RewardProjection rewards;
    private final WalletProjection wallets;
    private final ChannelProjection channels;

    LedgerEventDispatcher(
            MemberProjection members,
            MemberBatchProjection memberBatches,
            LedgerPolicyCatalog policies,
            DepthCounterRecomputer levels,
            RewardProjection rewards,
            WalletProjection wallets,
            ChannelProjection channels) {
        this.members = members;
        this.memberBatches = memberBatches;
        this.policies = policies;
        this.levels = levels;
        this.rewards = rewards;
        this.wallets = wallets;
        this.channels = channels;
    }

    /**
     * Applies an event of the live stream.
     *
     * @return whether a projection handled it
     */
    boolean apply(LedgerEvent event) {
        boolean handled = dispatch(event);
        if (POLICY_PUBLISHED.equals(event.name())) {
            // every member's level under the new policy; compare-and-set, so several instances doing it is harmless
            var recompute = levels.recompute();
            log.info(
                    "levels re-recorded after policy publication tx={}: {} members, {} level changes",
                    event.transactionId(),
                    recompute.members(),
                    recompute.levelChanges());
        }
        return handled;
    }

    /**
     * Applies an event while rebuilding the graph: like {@link #apply(LedgerEvent)}, without recomputing levels per
     * policy publication (the rebuild does it once at the end).
     */
    boolean replay(LedgerEvent event) {
        return dispatch(event);
    }

    /**
     * Applies events in ledger order, in as few transactions as their kinds allow.
     *
     * @param live whether they come from the live stream ({@link #apply}) or a rebuild ({@link #replay})
     */
    void applyAll(List<LedgerEvent> events, boolean live) {
        List<LedgerEvent> run = new ArrayList<>();
        for (LedgerEvent event : events) {
            if (!run.isEmpty() && kind(run.getFirst()) != kind(event)) {
                applyRun(run, live);
                run = new ArrayList<>();
            }
            run.add(event);
        }
        if (!run.isEmpty()) {
            applyRun(run, live);
        }
    }

    private enum Kind {
        MEMBER,
        TRANSFER,
        OTHER
    }

    private static Kind kind(LedgerEvent event) {
        if (MemberProjection.MEMBER_EVENTS.contains(event.name())) {
            return Kind.MEMBER;
        }
        return WalletProjection.TRANSFER_COMPLETED.equals(event.name()) ? Kind.TRANSFER : Kind.OTHER;
    }

    private void applyRun(List<LedgerEvent> run, boolean live) {
        switch (kind(run.getFirst())) {
            case MEMBER ->
                memberBatches.applyAll(
                        run.stream().map(LedgerEvent::payloadText).toList());
            case TRANSFER ->
                wallets.applyAll(run.stream().map(LedgerEvent::payload).toList());
            case OTHER ->
                run.forEach(event -> {
                    if (live) {
                        apply(event);
                    } else {
                        replay(event);
                    }
                });
        }
        log.debug(
                "applied {} events up to block {} tx={}",
                run.size(),
                run.getLast().blockNumber(),
                run.getLast().transactionId());
    }

    private boolean dispatch(LedgerEvent event) {
        String name = event.name();
        if (MemberProjection.MEMBER_EVENTS.contains(name)) {
            members.apply(name, event.payloadText());
        } else if (POLICY_PUBLISHED.equals(name)) {
            policies.onPolicyPublished(event.payload());
        } else if (RewardProjection.handles(name)) {
            rewards.apply(event);
        } else if (WalletProjection.TRANSFER_COMPLETED.equals(name)) {
            wallets.apply(event);
        } else if (ChannelProjection.handles(name)) {
            channels.apply(event);
        } else {
            log.debug(
                    "no projection for chaincode event {} block={} tx={}",
                    name,
                    event.blockNumber(),
                    event.transactionId());
            return false;
        }
        log.debug("applied {} block={} tx={}", name, event.blockNumber(), event.transactionId());
        return true;
    }
}
