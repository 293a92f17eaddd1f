package org.poxledger.platform.portal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.wallet.TransferView;
import org.poxledger.platform.wallet.WalletService;
import org.springframework.stereotype.Component;

/** A member's newest transfers with the other party's display name. */
@Component
class RecentTransfers {

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
        List<TransferView> newest = wallet.newest(memberId, count);
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
