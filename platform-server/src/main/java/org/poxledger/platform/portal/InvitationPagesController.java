package org.poxledger.platform.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.invitation.Invitation;
import org.poxledger.platform.invitation.InvitationService;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.security.PoxUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A verified member invites an acquaintance's account and follows their invitations. */
@Controller
@RequestMapping("/invitations")
class InvitationPagesController {

    static final int PAGE_SIZE = 10;

    private final InvitationService invitations;
    private final MemberRepository members;

    InvitationPagesController(InvitationService invitations, MemberRepository members) {
        this.invitations = invitations;
        this.members = members;
    }

    /**
     * @param network the acquaintance's network ({@code email}, {@code wechat}, ...)
     * @param handle their account on it
     */
    record InviteForm(
            @NotBlank(message = "Choose the network.") String network,

            @NotBlank(message = "Enter the account's handle.") @Size(max = 254, message = "Use at most 254 characters.")
            String handle) {}

    @GetMapping
    String page(@AuthenticationPrincipal PoxUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("form", new InviteForm("", ""));
        return render(user.requireMemberId(), page, model);
    }

    @PostMapping
    String invite(
            @AuthenticationPrincipal PoxUser user,
            @Valid @ModelAttribute("form") InviteForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        String memberId = user.requireMemberId();
        if (!binding.hasErrors()) {
            try {
                Invitation invitation = invitations.invite(memberId, form.network(), form.handle());
                redirect.addFlashAttribute("flash", "Invitation created for " + invitation.account() + ".");
                redirect.addFlashAttribute("createdCode", invitation.code());
                redirect.addFlashAttribute("createdLink", invitation.link());
                redirect.addFlashAttribute("createdExpiresAt", invitation.expiresAt());
                return "redirect:/invitations";
            } catch (RuntimeException e) {
                FormError refusal = FormError.of(e);
                if (refusal == null) {
                    throw e;
                }
                refusal.rejectInto(binding);
            }
        }
        return render(memberId, 0, model);
    }

    private String render(String memberId, int page, Model model) {
        MemberView me = members.find(memberId).orElse(null);
        model.addAttribute("canInvite", me != null && me.status() == MemberStatus.VERIFIED);
        model.addAttribute("status", me == null ? null : me.status());
        model.addAttribute("networks", Networks.CHOICES);
        model.addAttribute("invitations", invitations.mine(memberId, Math.max(0, page), PAGE_SIZE));
        return "invitations";
    }
}
