package org.poxledger.platform.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.poxledger.contract.model.Member;
import org.poxledger.contract.model.MemberStatus;
import org.poxledger.platform.member.GenesisRegistration;
import org.poxledger.platform.member.MemberRegistration;
import org.poxledger.platform.member.MemberRepository;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.member.SocialAccount;
import org.poxledger.platform.security.AcceptablePassword;
import org.poxledger.platform.security.Passwords;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Admin: the member list with verification and suspension, and creating genesis members. ADMIN role. */
@Controller
@RequestMapping("/admin/members")
class AdminMembersPageController {

    static final int PAGE_SIZE = 20;

    private final MemberRepository members;
    private final MemberRegistration registration;
    private final GenesisRegistration genesis;

    AdminMembersPageController(MemberRepository members, MemberRegistration registration, GenesisRegistration genesis) {
        this.members = members;
        this.registration = registration;
        this.genesis = genesis;
    }

    /**
     * @param network the genesis member's account network
     * @param handle the account on it
     * @param displayName display name
     * @param email optional e-mail
     * @param username the member's log-in name
     * @param password the member's first password
     */
    record GenesisForm(
            @NotBlank(message = "Choose the network.") String network,

            @NotBlank(message = "Enter the account's handle.") @Size(max = 254, message = "Use at most 254 characters.")
            String handle,

            @NotBlank(message = "Enter the name other members will see.")
            @Size(max = 80, message = "Use at most 80 characters.")
            String displayName,

            @Email(message = "Enter an e-mail address such as alice@example.org, or leave it empty.")
            @Size(max = 254, message = "Use at most 254 characters.")
            String email,

            @NotBlank(message = "Choose a username.")
            @Pattern(regexp = Passwords.USERNAME_PATTERN, message = AccountRules.USERNAME)
            String username,

            @NotBlank(message = "Choose a password.") @AcceptablePassword(message = AccountRules.PASSWORD)
            String password) {

        @Override
        public String toString() {
            return "GenesisForm[username=" + username + "]";
        }
    }

    @GetMapping
    String list(
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var found = members.list(status, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("members", found);
        model.addAttribute("status", status);
        model.addAttribute("statuses", MemberStatus.values());
        model.addAttribute("pages", found.total() == 0 ? 1 : (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return "admin/members";
    }

    @PostMapping("/{memberId}/verify")
    String verify(
            @PathVariable String memberId,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        return change(memberId, status, page, redirect, "verified", () -> registration.verify(memberId));
    }

    @PostMapping("/{memberId}/suspend")
    String suspend(
            @PathVariable String memberId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        String why = reason.strip();
        if (why.isEmpty() || why.length() > 280) {
            redirect.addFlashAttribute("rowError", memberId);
            redirect.addFlashAttribute(
                    "reasonError",
                    why.isEmpty() ? "Give the reason for the suspension." : "Use at most 280 characters.");
            return back(status, page);
        }
        return change(memberId, status, page, redirect, "suspended", () -> registration.suspend(memberId, why));
    }

    @PostMapping("/{memberId}/reinstate")
    String reinstate(
            @PathVariable String memberId,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        return change(memberId, status, page, redirect, "reinstated", () -> registration.reinstate(memberId));
    }

    @GetMapping("/genesis")
    String genesisForm(Model model) {
        model.addAttribute("form", new GenesisForm("", "", "", "", "", ""));
        model.addAttribute("networks", Networks.CHOICES);
        return "admin/genesis";
    }

    @PostMapping("/genesis")
    String createGenesis(
            @Valid @ModelAttribute("form") GenesisForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            try {
                SocialAccount account = SocialAccount.of(form.network(), form.handle());
                String email = form.email() == null || form.email().isBlank()
                        ? null
                        : form.email().strip();
                Member member =
                        genesis.register(account, form.displayName().strip(), email, form.username(), form.password());
                redirect.addFlashAttribute(
                        "flash",
                        "Genesis member " + form.displayName().strip() + " ("
                                + member.memberId() + ") created, " + member.status() + ", with the log-in "
                                + form.username().strip().toLowerCase(Locale.ROOT) + ".");
                return "redirect:/admin/members";
            } catch (RuntimeException e) {
                FormError refusal = FormError.of(e);
                if (refusal == null) {
                    throw e;
                }
                refusal.rejectInto(binding);
            }
        }
        model.addAttribute("networks", Networks.CHOICES);
        return "admin/genesis";
    }

    private String change(
            String memberId,
            MemberStatus status,
            int page,
            RedirectAttributes redirect,
            String done,
            Supplier<Member> action) {
        try {
            Member member = action.get();
            String name = members.find(memberId).map(MemberView::displayName).orElse(memberId);
            redirect.addFlashAttribute(
                    "flash", name + " (" + memberId + ") " + done + ": now " + member.status() + ".");
        } catch (RuntimeException e) {
            FormError refusal = FormError.of(e);
            if (refusal == null) {
                throw e;
            }
            redirect.addFlashAttribute("rowError", memberId);
            redirect.addFlashAttribute("flashError", refusal.message());
        }
        return back(status, page);
    }

    private static String back(MemberStatus status, int page) {
        return "redirect:"
                + UriComponentsBuilder.fromPath("/admin/members")
                        .queryParamIfPresent("status", Optional.ofNullable(status))
                        .queryParam("page", Math.max(0, page))
                        .toUriString();
    }
}
