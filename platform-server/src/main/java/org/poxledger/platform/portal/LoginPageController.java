package org.poxledger.platform.portal;

import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.security.SetupService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The log-in form and the log-out confirmation. Spring Security does the work: it reads {@code POST /login} (form
 * fields {@code username}, {@code password}, CSRF token) and {@code POST /logout}; these pages only show the forms.
 */
@Controller
class LoginPageController {

    private final SetupService setup;

    LoginPageController(SetupService setup) {
        this.setup = setup;
    }

    @GetMapping("/login")
    String login(
            @AuthenticationPrincipal PoxUser user,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout,
            Model model) {
        if (user != null) {
            return "redirect:/";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("setupOpen", !setup.isComplete());
        return "login";
    }

    @GetMapping("/logout")
    String logout(@AuthenticationPrincipal PoxUser user) {
        return user == null ? "redirect:/login" : "logout";
    }
}
