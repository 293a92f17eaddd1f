package org.poxledger.platform.portal;

import java.util.List;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.level.LevelService;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.reward.MemberRewardService;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.wallet.WalletService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The member's home: standing, balance, recent rewards and transfers. Admins without a member go to their pages. */
@Controller
class DashboardController {

    static final int RECENT = 5;

    private final MemberRepository members;
    private final LevelService levels;
    private final WalletService wallet;
    private final MemberRewardService rewards;
    private final RecentTransfers transfers;

    DashboardController(
            MemberRepository members,
            LevelService levels,
            WalletService wallet,
            MemberRewardService rewards,
            RecentTransfers transfers) {
        this.members = members;
        this.levels = levels;
        this.wallet = wallet;
        this.rewards = rewards;
        this.transfers = transfers;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal PoxUser user, Model model) {
        if (user.memberId() == null) {
            return user.isAdmin() ? "redirect:/admin/members" : "redirect:/login";
        }
        String memberId = user.memberId();
        MemberView member = members.find(memberId)
                .orElseThrow(() -> Refusal.of(ErrorCode.MEMBER_NOT_FOUND, "member " + memberId + " is unknown"));
        List<MemberRewardService.MemberReward> all = rewards.rewards(memberId);
        model.addAttribute("member", member);
        model.addAttribute("standing", levels.standing(memberId));
        model.addAttribute("balance", wallet.balance(memberId).balance());
        model.addAttribute("rewards", all.subList(0, Math.min(RECENT, all.size())));
        model.addAttribute("moreRewards", all.size() > RECENT);
        model.addAttribute("transfers", transfers.newest(memberId, RECENT));
        return "dashboard";
    }
}
