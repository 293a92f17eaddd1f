package org.poxledger.platform.portal;

import java.util.Arrays;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerException;
import org.springframework.validation.BindingResult;

/**
 * A refusal from a service ({@link Refusal}) or from the ledger ({@link LedgerException}), placed where a person looks
 * for it: next to the form field it concerns, else at the top of the form. The REST API answers the same refusals as
 * problem details, with the same code, field and message; the field comes from the refusal itself (or, for a ledger
 * refusal, from its {@link ErrorCode#field()}), so no page keeps its own table of codes.
 *
 * @param code the stable error code, e.g. {@code INSUFFICIENT_FUNDS}
 * @param field the API's field at fault, {@code null} if none
 * @param message the sentence to show
 */
record FormError(String code, String field, String message) {

    /** @return the form error, or {@code null} when the exception is neither a service nor a ledger refusal */
    static FormError of(RuntimeException e) {
        if (e instanceof Refusal refusal) {
            return new FormError(refusal.code().name(), refusal.field(), sentence(refusal.getMessage()));
        }
        if (e instanceof LedgerException ledger) {
            return new FormError(
                    ledger.code(),
                    ErrorCode.of(ledger.code()).map(ErrorCode::field).orElse(null),
                    sentence(withoutCode(ledger.getMessage(), ledger.code())));
        }
        return null;
    }

    /** Rejects the form field named like the refusal's API field, else the whole form. */
    void rejectInto(BindingResult binding) {
        rejectInto(binding, Map.of());
    }

    /**
     * Rejects the form field the refusal concerns, else the whole form.
     *
     * @param formFieldsByApiField for a form whose fields are named otherwise than the API's (e.g. {@code toMemberId}
     *     is the transfer form's {@code payee}); fields named alike need no entry
     */
    void rejectInto(BindingResult binding, Map<String, String> formFieldsByApiField) {
        String formField = field == null ? null : formFieldsByApiField.getOrDefault(field, field);
        if (formField != null && hasField(binding, formField)) {
            binding.rejectValue(formField, code, message);
        } else {
            binding.reject(code, message);
        }
    }

    /** @return whether the ledger could not be reached: the request may be repeated as it was */
    boolean retryable() {
        return ErrorCode.of(code)
                .map(known -> known.category() == ErrorCode.Category.UNAVAILABLE)
                .orElse(false);
    }

    private static boolean hasField(BindingResult binding, String name) {
        Object target = binding.getTarget();
        if (target == null) {
            return false;
        }
        Class<?> type = target.getClass();
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents())
                    .anyMatch(c -> c.getName().equals(name));
        }
        return binding.getFieldType(name) != null;
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
