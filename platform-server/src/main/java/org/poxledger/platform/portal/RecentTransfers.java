package org.poxledger.platform.portal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.wallet.TransferView;
import org.poxledger.platform.wallet.WalletService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A member's newest transfers with the other party's display name. The ledger lists a member's transfers oldest
 * first, so this pages to the end; the walk is bounded, and a member with more transfers than that sees the newest of
 * the bounded range (and a log line says so).
 */
@Component
class RecentTransfers {

    private static final Logger log = LoggerFactory.getLogger(RecentTransfers.class);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 50;

    private final WalletService wallet;
    private final MemberRepository members;

    RecentTransfers(WalletService wallet, MemberRepository members) {
        this.wallet = wallet;
        this.members = members;
    }

    /**
     * @param transfer the transfer, seen from the member
     * @param counterpartId the other party
     * @param counterpartName the other party's display name, {@code null} if unknown or erased
     */
    record Row(TransferView transfer, String counterpartId, String counterpartName) {

        /** @return whether the member received it (public: templates call it) */
        public boolean incoming() {
            return transfer.direction() == TransferView.Direction.IN;
        }
    }

    /** @return at most {@code count} transfers, newest first */
    List<Row> newest(String memberId, int count) {
        Deque<TransferView> newest = new ArrayDeque<>(count + 1);
        String bookmark = "";
        int pages = 0;
        do {
            WalletService.History page = wallet.history(memberId, PAGE_SIZE, bookmark);
            for (TransferView transfer : page.items()) {
                newest.addFirst(transfer);
                if (newest.size() > count) {
                    newest.removeLast();
                }
            }
            bookmark = page.bookmark();
            pages++;
        } while (!bookmark.isEmpty() && pages < MAX_PAGES);
        if (!bookmark.isEmpty()) {
            log.info(
                    "member {} has more than {} transfers: the portal shows the newest of the first {}",
                    memberId,
                    PAGE_SIZE * MAX_PAGES,
                    PAGE_SIZE * MAX_PAGES);
        }
        Map<String, String> names = new HashMap<>();
        List<Row> rows = new ArrayList<>(newest.size());
        for (TransferView transfer : newest) {
            String other =
                    transfer.direction() == TransferView.Direction.IN ? transfer.fromMemberId() : transfer.toMemberId();
            String name = names.computeIfAbsent(
                    other, id -> members.find(id).map(MemberView::displayName).orElse(""));
            rows.add(new Row(transfer, other, name.isEmpty() ? null : name));
        }
        return rows;
    }
}
