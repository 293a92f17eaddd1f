package org.poxledger.platform.portal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.policy.PolicyCatalog;
import org.poxledger.platform.referral.ReferralDepth;
import org.poxledger.platform.referral.ReferralNode;
import org.poxledger.platform.referral.ReferralTreeRepository;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.PageOf;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My referral tree, down to a depth the policy counts, a page at a time. The graph lists it breadth-first; each page
 * is shown as a nested list, and a member whose recommender is on an earlier page says under whom they hang.
 *
 * <p>Above the list, a picture of the tree ({@code js/referral-tree.js}) opens branches on demand, one page of
 * recommendees ({@code pox.portal.tree-page-size}) per request, so a tree of any size costs the browser only what it
 * opens. The list and the per-depth table are its text alternative.
 */
@Controller
class ReferralPagesController {

    static final int PAGE_SIZE = 25;

    private final ReferralTreeRepository tree;
    private final PolicyCatalog policies;
    private final MemberRepository members;
    private final int treePageSize;

    ReferralPagesController(
            ReferralTreeRepository tree,
            PolicyCatalog policies,
            MemberRepository members,
            @Value("${pox.portal.tree-page-size:" + PageOf.MAX_SIZE / 2 + "}") int treePageSize) {
        if (treePageSize < 1 || treePageSize > PageOf.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "pox.portal.tree-page-size must be between 1 and " + PageOf.MAX_SIZE + ", got " + treePageSize);
        }
        this.tree = tree;
        this.policies = policies;
        this.members = members;
        this.treePageSize = treePageSize;
    }

    /**
     * One member of the tree with the members below them on the same page.
     *
     * @param node the member
     * @param recommenderName the recommender's display name, when the recommender is not shown above on this page
     * @param children recommendees on this page
     */
    record Branch(ReferralNode node, String recommenderName, List<Branch> children) {}

    @GetMapping("/referrals")
    String referrals(
            @AuthenticationPrincipal PoxUser user,
            @RequestParam(required = false) Integer depth,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String memberId = user.requireMemberId();
        int maxDepth = policies.current().maxDepth();
        int shown = depth == null ? maxDepth : depth;
        if (shown < 1 || shown > maxDepth) {
            model.addAttribute("depthError", "Choose a depth between 1 and " + maxDepth + ".");
            shown = maxDepth;
        }
        PageOf<ReferralNode> nodes = tree.below(memberId, shown, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("depth", shown);
        model.addAttribute("maxDepth", maxDepth);
        model.addAttribute("nodes", nodes);
        model.addAttribute("branches", branches(memberId, nodes.items()));
        model.addAttribute("pages", nodes.total() == 0 ? 1 : (nodes.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("memberId", memberId);
        model.addAttribute("depths", ReferralDepth.of(tree.countsPerDepth(memberId, maxDepth)));
        model.addAttribute("treePageSize", treePageSize);
        return "referrals";
    }

    private List<Branch> branches(String me, List<ReferralNode> nodes) {
        Map<String, Branch> byId = new HashMap<>();
        List<Branch> roots = new ArrayList<>();
        for (ReferralNode node : nodes) {
            Branch parent = byId.get(node.recommenderId());
            String recommenderName = parent != null || me.equals(node.recommenderId())
                    ? null
                    : members.find(node.recommenderId())
                            .map(MemberView::displayName)
                            .orElse(node.recommenderId());
            Branch branch = new Branch(node, recommenderName, new ArrayList<>());
            byId.put(node.memberId(), branch);
            (parent == null ? roots : parent.children()).add(branch);
        }
        return roots;
    }
}
