package org.poxledger.platform.portal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.security.AcceptablePassword;
import org.poxledger.platform.security.Passwords;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.security.SetupService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Creating the first admin with the one-time setup token the server printed at its first start (DESIGN §9). */
@Controller
@RequestMapping("/setup")
class SetupPageController {

    private final SetupService setup;

    SetupPageController(SetupService setup) {
        this.setup = setup;
    }

    /**
     * @param token the one-time token from the server log
     * @param username the admin's log-in name
     * @param password the admin's password
     */
    record SetupForm(
            @NotBlank(message = "Enter the setup token printed in the server log.")
            String token,

            @NotBlank(message = "Choose a username.")
            @Pattern(regexp = Passwords.USERNAME_PATTERN, message = AccountRules.USERNAME)
            String username,

            @NotBlank(message = "Choose a password.") @AcceptablePassword(message = AccountRules.PASSWORD)
            String password) {

        @Override
        public String toString() {
            return "SetupForm[username=" + username + "]";
        }
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("done", setup.isComplete());
        model.addAttribute("form", new SetupForm("", "", ""));
        return "setup";
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") SetupForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        if (setup.isComplete()) {
            model.addAttribute("done", true);
            return "setup";
        }
        if (!binding.hasErrors()) {
            try {
                PoxUser admin = setup.createFirstAdmin(form.token().strip(), form.username(), form.password());
                redirect.addFlashAttribute("flash", "Admin " + admin.username() + " created. Log in to continue.");
                return "redirect:/login";
            } catch (Refusal e) {
                if (e.code() == ErrorCode.SETUP_ALREADY_DONE) {
                    model.addAttribute("done", true);
                    return "setup";
                }
                if (e.code() == ErrorCode.SETUP_TOKEN_INVALID) {
                    // as the API answers it: the guess throttle counts wrong tokens by this status
                    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                }
                FormError.of(e).rejectInto(binding);
            }
        }
        model.addAttribute("done", false);
        return "setup";
    }
}
