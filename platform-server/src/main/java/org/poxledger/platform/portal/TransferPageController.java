package org.poxledger.platform.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Currency;
import org.poxledger.platform.member.MemberView;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.wallet.Money;
import org.poxledger.platform.wallet.TransferRequest;
import org.poxledger.platform.wallet.WalletService;
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

/**
 * Paying another member. The amount is typed in the display unit and converted to minor units exactly; every render
 * of the form carries a fresh idempotency key, which the ledger uses as the transfer id, so a form submitted twice
 * (double click, reload, retry after a time-out) pays once.
 */
@Controller
@RequestMapping("/transfer")
class TransferPageController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WalletService wallet;
    private final PayeeLookup payees;
    private final LedgerPolicyCatalog policies;

    TransferPageController(WalletService wallet, PayeeLookup payees, LedgerPolicyCatalog policies) {
        this.wallet = wallet;
        this.payees = payees;
        this.policies = policies;
    }

    /**
     * @param payee the payee's member id or username
     * @param amount the amount in the display unit, e.g. {@code 12.50}
     * @param memo optional note for the payee
     * @param idempotencyKey generated when the form was rendered; becomes the ledger's transfer id
     */
    record TransferForm(
            @NotBlank(message = "Enter the payee's member id or username.")
            @Size(max = 64, message = "Use at most 64 characters.")
            String payee,

            String amount,

            @Size(max = 280, message = "Use at most 280 characters.")
            String memo,

            @NotBlank(message = "The form lacks its transfer key; reload the page.")
            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "The form's transfer key is damaged; reload the page.")
            String idempotencyKey) {}

    @GetMapping
    String form(@AuthenticationPrincipal PoxUser user, @RequestParam(required = false) String to, Model model) {
        model.addAttribute("form", new TransferForm(to == null ? "" : to, "", "", newKey()));
        return render(user.requireMemberId(), model);
    }

    @PostMapping
    String transfer(
            @AuthenticationPrincipal PoxUser user,
            @Valid @ModelAttribute("form") TransferForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        String payer = user.requireMemberId();
        Currency currency = currency();
        Long units = null;
        try {
            units = DisplayAmount.toMinorUnits(form.amount(), currency.decimals(), currency.symbol());
        } catch (DisplayAmount.InvalidAmount e) {
            binding.rejectValue("amount", ErrorCode.INVALID_AMOUNT.name(), e.getMessage());
        }
        MemberView payee = payees.resolveInto(form.payee(), binding);
        if (binding.hasErrors()) {
            return render(payer, model);
        }
        String memo = form.memo() == null ? "" : form.memo().strip();
        try {
            WalletService.Outcome outcome = wallet.transfer(
                    payer, null, new TransferRequest(form.idempotencyKey(), payee.memberId(), units, memo));
            String to = payee.displayName() == null ? payee.memberId() : payee.displayName();
            redirect.addFlashAttribute(
                    "flash",
                    outcome.created()
                            ? "Paid " + outcome.transfer().amount().display() + " to " + to + "."
                            : "This transfer was made already ("
                                    + outcome.transfer().amount().display() + " to " + to
                                    + "); nothing was paid twice.");
            return "redirect:/";
        } catch (RuntimeException e) {
            FormError refusal = FormError.of(e);
            if (refusal == null) {
                throw e;
            }
            reject(refusal, payer, units, binding, model);
            return render(payer, model);
        }
    }

    private void reject(FormError refusal, String payer, Long units, BindingResult binding, Model model) {
        switch (ErrorCode.of(refusal.code()).orElse(ErrorCode.CHAINCODE_ERROR)) {
            case INSUFFICIENT_FUNDS -> {
                Money balance = wallet.balance(payer).balance();
                Money wanted = Money.of(units, currency());
                binding.rejectValue(
                        "amount",
                        refusal.code(),
                        "Your balance is " + balance.display() + ", less than the " + wanted.display() + " to pay.");
            }
            case TRANSFER_ID_CONFLICT -> {
                // this form's key already paid something else: a new key lets the person send this one knowingly
                binding.reject(
                        refusal.code(),
                        "This form was already used for another transfer; check your recent"
                                + " transfers on the dashboard before sending again.");
                model.addAttribute("freshKey", newKey());
            }
            default -> {
                if (refusal.retryable()) {
                    binding.reject(
                            refusal.code(),
                            "The ledger did not answer in time. Send the form again: it cannot" + " pay twice.");
                } else {
                    refusal.rejectInto(binding, Map.of("toMemberId", "payee"));
                }
            }
        }
    }

    /** A member id names the member; anything else is tried as a username. */
    private String render(String payer, Model model) {
        model.addAttribute("balance", wallet.balance(payer).balance());
        return "transfer";
    }

    private Currency currency() {
        return policies.currentRecord().policy().currency();
    }

    /** 128 random bits, URL-safe Base64: fits the ledger's transfer id pattern {@code [A-Za-z0-9_-]{1,64}}. */
    static String newKey() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "pt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
