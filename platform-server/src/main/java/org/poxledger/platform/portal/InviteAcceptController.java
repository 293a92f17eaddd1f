package org.poxledger.platform.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.invitation.InvitationService;
import org.poxledger.platform.security.AcceptablePassword;
import org.poxledger.platform.security.Passwords;
import org.poxledger.platform.web.ProblemStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page an invitation link opens, for someone without an account: who invites them, and the form that registers
 * them under the inviter and logs them in.
 */
@Controller
@RequestMapping("/invite/{code}")
class InviteAcceptController {

    /** The invitation itself cannot be used: shown as a page of its own, not as a form error. */
    private static final Set<String> UNUSABLE = Set.of(
            ErrorCode.INVITATION_NOT_FOUND.name(),
            ErrorCode.INVITATION_EXPIRED.name(),
            ErrorCode.INVITATION_ALREADY_ACCEPTED.name());

    private final InvitationService invitations;
    private final SessionLogin login;

    InviteAcceptController(InvitationService invitations, SessionLogin login) {
        this.invitations = invitations;
        this.login = login;
    }

    /**
     * @param username the new log-in name
     * @param password the new password
     * @param displayName how other members see the new member
     * @param email optional contact address
     */
    record AcceptForm(
            @NotBlank(message = "Choose a username.")
            @Pattern(regexp = Passwords.USERNAME_PATTERN, message = AccountRules.USERNAME)
            String username,

            @NotBlank(message = "Choose a password.") @AcceptablePassword(message = AccountRules.PASSWORD)
            String password,

            @NotBlank(message = "Enter the name other members will see.")
            @Size(max = 80, message = "Use at most 80 characters.")
            String displayName,

            @Email(message = "Enter an e-mail address such as alice@example.org, or leave it empty.")
            @Size(max = 254, message = "Use at most 254 characters.")
            String email) {

        @Override
        public String toString() {
            return "AcceptForm[username=" + username + "]";
        }
    }

    @GetMapping
    String page(@PathVariable String code, Model model, HttpServletResponse response) {
        model.addAttribute("form", new AcceptForm("", "", "", ""));
        return render(code, model, response);
    }

    @PostMapping
    String accept(
            @PathVariable String code,
            @Valid @ModelAttribute("form") AcceptForm form,
            BindingResult binding,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            try {
                String email = form.email() == null || form.email().isBlank()
                        ? null
                        : form.email().strip();
                invitations.accept(
                        code,
                        form.username(),
                        form.password(),
                        form.displayName().strip(),
                        email);
                if (login.logIn(form.username(), request, response)) {
                    redirect.addFlashAttribute(
                            "flash",
                            "Welcome, " + form.displayName().strip()
                                    + "! You are registered; an admin will verify your identity so you can invite others.");
                    return "redirect:/";
                }
                redirect.addFlashAttribute("flash", "You are registered. Log in with your new username.");
                return "redirect:/login";
            } catch (RuntimeException e) {
                FormError refusal = FormError.of(e);
                if (refusal == null) {
                    throw e;
                }
                if (UNUSABLE.contains(refusal.code())) {
                    // e.g. a second click on the button after the first registered: say what became of it
                    return render(code, model, response);
                }
                refusal.rejectInto(binding);
            }
        }
        return render(code, model, response);
    }

    private String render(String code, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("invitation", invitations.lookup(code));
            return "invite";
        } catch (Refusal e) {
            if (!UNUSABLE.contains(e.code().name())) {
                throw e;
            }
            response.setStatus(ProblemStatus.of(e.code()).value());
            model.addAttribute("problem", FormError.of(e).message());
            model.addAttribute("problemCode", e.code().name());
            return "invite-unavailable";
        }
    }
}
