package org.poxledger.platform.portal;

import java.util.Map;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.policy.PolicyInvalidException;
import org.poxledger.platform.web.ApiException;
import org.springframework.validation.BindingResult;

/**
 * A refusal from a service ({@link ApiException}) or from the ledger ({@link LedgerException}), placed where a person
 * looks for it: next to the form field it concerns, else at the top of the form. The REST API answers the same
 * refusals as problem details; the portal shows the same message.
 *
 * @param code the stable error code, e.g. {@code INSUFFICIENT_FUNDS}
 * @param field the API's field at fault, {@code null} if none
 * @param message the sentence to show
 */
record Refusal(String code, String field, String message) {

    /** @return the refusal, or {@code null} when the exception is neither a service nor a ledger refusal */
    static Refusal of(RuntimeException e) {
        if (e instanceof ApiException api) {
            return new Refusal(api.code(), api.field(), sentence(api.getMessage()));
        }
        if (e instanceof PolicyInvalidException policy) {
            return new Refusal("POLICY_INVALID", null, sentence(policy.getMessage()));
        }
        if (e instanceof LedgerException ledger) {
            return new Refusal(ledger.code(), null, sentence(withoutCode(ledger.getMessage(), ledger.code())));
        }
        return null;
    }

    /**
     * Rejects the form field the refusal concerns: the field named by {@code fieldsByCode} for its code, else the
     * one named by {@code fieldsByApiField} for its API field, else the whole form.
     */
    void rejectInto(BindingResult binding, Map<String, String> fieldsByCode, Map<String, String> fieldsByApiField) {
        String formField = fieldsByCode.get(code);
        if (formField == null && field != null) {
            formField = fieldsByApiField.get(field);
        }
        if (formField == null) {
            binding.reject(code, message);
        } else {
            binding.rejectValue(formField, code, message);
        }
    }

    /** @return whether the ledger could not be reached: the request may be repeated as it was */
    boolean retryable() {
        return LedgerException.LEDGER_UNAVAILABLE.equals(code)
                || LedgerException.COMMIT_FAILED.equals(code)
                || LedgerException.READ_CONFLICT.equals(code);
    }

    /** The chaincode prefixes its messages with their code ("INSUFFICIENT_FUNDS: member ..."): people need the rest. */
    private static String withoutCode(String message, String code) {
        if (message != null && code != null && message.startsWith(code + ": ")) {
            return message.substring(code.length() + 2);
        }
        return message;
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "The request was refused.";
        }
        String text = message.strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
