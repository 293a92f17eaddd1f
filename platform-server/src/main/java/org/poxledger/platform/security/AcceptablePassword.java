package org.poxledger.platform.security;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The field holds a password that {@link PasswordPolicy} accepts; {@code null} is left to {@code @NotBlank}. */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Validator.class)
public @interface AcceptablePassword {

    /** The default message: the reason alone, for the API ("password must have ..."). */
    String DEFAULT_MESSAGE = "is not an acceptable password";

    /** Any other message marks a form for people: the reason becomes a sentence, "This password must have ...". */
    String message() default DEFAULT_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks with {@link PasswordPolicy#problem(String)} and reports its reason. */
    final class Validator implements ConstraintValidator<AcceptablePassword, String> {

        private boolean sentence;

        @Override
        public void initialize(AcceptablePassword annotation) {
            sentence = !DEFAULT_MESSAGE.equals(annotation.message());
        }

        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return PasswordPolicy.problem(password)
                    .map(problem -> {
                        context.disableDefaultConstraintViolation();
                        // the reason is our own text, never the password; escape it from message interpolation
                        String message = sentence ? "This password " + problem + "." : problem;
                        context.buildConstraintViolationWithTemplate(message.replaceAll("([{}$\\\\])", "\\\\$1"))
                                .addConstraintViolation();
                        return false;
                    })
                    .orElse(true);
        }
    }
}
