package org.poxledger.platform.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.PolicyDocument;
import org.poxledger.platform.policy.PolicyDraft;
import org.poxledger.platform.policy.PolicyDraftService;
import org.poxledger.platform.policy.PolicyInvalidException;
import org.poxledger.platform.policy.PolicyRecord;
import org.poxledger.platform.policy.PolicyViolation;
import org.poxledger.platform.reward.PolicyPreview;
import org.poxledger.platform.reward.PolicyPreviewService;
import org.poxledger.platform.security.PoxUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: the reward policy workflow (DESIGN §6): edit the draft, preview its effect on the live graph, publish it
 * on-chain as the next version. ADMIN role.
 */
@Controller
@RequestMapping("/admin/policy")
class AdminPolicyPageController {

    private static final Pattern LIST_ITEM = Pattern.compile("(levelWeightBps|payoutShareBps)\\[(\\d+)]");
    private static final Pattern TIER_FIELD = Pattern.compile("tiers\\[(\\d+)](?:\\.(\\w+))?");

    private final PolicyDraftService drafts;
    private final PolicyPreviewService previews;
    private final LedgerPolicyCatalog catalog;

    AdminPolicyPageController(PolicyDraftService drafts, PolicyPreviewService previews, LedgerPolicyCatalog catalog) {
        this.drafts = drafts;
        this.previews = previews;
        this.catalog = catalog;
    }

    @GetMapping
    String page(Model model) {
        PolicyDraft draft = drafts.draft();
        model.addAttribute("form", PolicyForm.of(draft.document()));
        return render(draft, model);
    }

    @PostMapping("/draft")
    String save(
            @AuthenticationPrincipal PoxUser admin,
            @ModelAttribute("form") PolicyForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        PolicyDocument document = form.toDocument(binding);
        if (document != null && !binding.hasErrors()) {
            try {
                drafts.save(document, admin.username());
                redirect.addFlashAttribute("flash", "Draft saved. Check its effect below before publishing it.");
                return "redirect:/admin/policy/preview";
            } catch (PolicyInvalidException e) {
                List<Integer> rows = tierRows(form);
                e.violations().forEach(v -> reject(v, rows, binding));
            }
        }
        return render(drafts.draft(), model);
    }

    @GetMapping("/preview")
    String preview(Model model, RedirectAttributes redirect) {
        if (drafts.savedDraft().isEmpty()) {
            redirect.addFlashAttribute("flashError", "There is no saved draft to preview: edit and save one first.");
            return "redirect:/admin/policy";
        }
        model.addAttribute("draft", drafts.savedDraft().orElseThrow());
        model.addAttribute("current", catalog.refreshCurrent());
        PolicyPreview preview = previews.previewDraft();
        SortedSet<Integer> levels = new TreeSet<>(preview.levelsCurrent().keySet());
        levels.addAll(preview.levelsDraft().keySet());
        model.addAttribute("preview", preview);
        model.addAttribute("levels", levels);
        return "admin/policy-preview";
    }

    @PostMapping("/publish")
    String publish(@AuthenticationPrincipal PoxUser admin, RedirectAttributes redirect) {
        try {
            PolicyRecord record = drafts.publish(admin.username());
            redirect.addFlashAttribute(
                    "flash",
                    "Policy version " + record.version() + " published on-chain" + " (transaction "
                            + record.publishedTxId() + ").");
        } catch (RuntimeException e) {
            FormError refusal = FormError.of(e);
            if (refusal == null) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", refusal.message());
        }
        return "redirect:/admin/policy";
    }

    @PostMapping("/discard")
    String discard(@AuthenticationPrincipal PoxUser admin, RedirectAttributes redirect) {
        drafts.discard(admin.username());
        redirect.addFlashAttribute("flash", "Draft discarded; the form shows the current policy again.");
        return "redirect:/admin/policy";
    }

    private String render(PolicyDraft draft, Model model) {
        model.addAttribute("draft", draft);
        model.addAttribute("current", catalog.currentRecord());
        model.addAttribute("history", catalog.history().reversed());
        return "admin/policy";
    }

    /** @return the form rows of the document's tiers (blank rows are left out of the document) */
    private static List<Integer> tierRows(PolicyForm form) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < form.tiers().size(); i++) {
            if (!form.tiers().get(i).blank()) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** Puts a violated policy rule next to the form field it names. */
    private static void reject(PolicyViolation violation, List<Integer> tierRows, BindingResult binding) {
        String field = violation.field();
        String message = sentence(violation.message());
        Matcher item = LIST_ITEM.matcher(field);
        Matcher tier = TIER_FIELD.matcher(field);
        if (item.matches()) {
            binding.rejectValue(
                    item.group(1),
                    ErrorCode.POLICY_INVALID.name(),
                    "Depth " + (Integer.parseInt(item.group(2)) + 1) + ": " + message);
        } else if (tier.matches() && Integer.parseInt(tier.group(1)) < tierRows.size()) {
            int row = tierRows.get(Integer.parseInt(tier.group(1)));
            String column = tier.group(2);
            if (column == null) {
                binding.rejectValue("tiers", ErrorCode.POLICY_INVALID.name(), "Tier row " + (row + 1) + ": " + message);
            } else {
                binding.rejectValue("tiers[" + row + "]." + column, ErrorCode.POLICY_INVALID.name(), message);
            }
        } else if (field.startsWith("tiers")) {
            binding.rejectValue("tiers", ErrorCode.POLICY_INVALID.name(), message);
        } else if (field.equals("currency.symbol")) {
            binding.rejectValue("currencySymbol", ErrorCode.POLICY_INVALID.name(), message);
        } else if (field.equals("currency.decimals")) {
            binding.rejectValue("currencyDecimals", ErrorCode.POLICY_INVALID.name(), message);
        } else if (List.of("maxDepth", "levelWeightBps", "payoutShareBps", "baseRewardUnits")
                .contains(field)) {
            binding.rejectValue(field, ErrorCode.POLICY_INVALID.name(), message);
        } else {
            binding.reject(ErrorCode.POLICY_INVALID.name(), field + ": " + message);
        }
    }

    private static String sentence(String message) {
        String text = message.strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
