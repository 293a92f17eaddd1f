package org.poxledger.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;

/**
 * What a password must be: {@value Passwords#MIN_LENGTH} characters or more, at most {@value Passwords#MAX_LENGTH}
 * bytes in UTF-8 (BCrypt reads no more, and refuses longer ones), not the username, and not easy to guess: nbvcxz
 * (dictionaries of leaked passwords, names and words; keyboard walks, sequences, repeats, dates, l33t) must estimate at
 * least its default 35 bits of entropy. {@code 1234567890}, {@code aaaaaaaaaa} and {@code password12} fail.
 *
 * <p>The byte limit is checked first and is cheap; the estimate takes a few milliseconds, against tens for the hash.
 */
public final class PasswordPolicy {

    /** nbvcxz loads its dictionaries once (a few seconds); the estimator is thread-safe. */
    private static final class Estimator {
        static final Nbvcxz NBVCXZ = new Nbvcxz();
    }

    private PasswordPolicy() {}

    /** @return why the password is refused, or empty when it is acceptable */
    public static Optional<String> problem(String password) {
        if (password == null) {
            return Optional.empty();
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Passwords.MAX_LENGTH) {
            return Optional.of("must be at most " + Passwords.MAX_LENGTH + " bytes in UTF-8 (BCrypt reads no more);"
                    + " this one has " + bytes);
        }
        if (password.codePointCount(0, password.length()) < Passwords.MIN_LENGTH) {
            return Optional.of("must have at least " + Passwords.MIN_LENGTH + " characters");
        }
        Result estimate = Estimator.NBVCXZ.estimate(password);
        if (!estimate.isMinimumEntropyMet()) {
            String warning = estimate.getFeedback().getWarning();
            return Optional.of("is too easy to guess"
                    + (warning == null ? "" : " (" + lowerFirst(warning.replaceAll("\\.$", "")) + ")")
                    + "; use a few unrelated words or more varied characters");
        }
        return Optional.empty();
    }

    /**
     * Refuses an unacceptable password, or one that contains the username.
     *
     * @throws Refusal {@code PASSWORD_TOO_LONG} or {@code PASSWORD_TOO_WEAK}, field {@code password}
     */
    public static void require(String password, String username) {
        Optional<String> problem = problem(password);
        if (problem.isPresent()) {
            ErrorCode code = problem.get().startsWith("must be at most")
                    ? ErrorCode.PASSWORD_TOO_LONG
                    : ErrorCode.PASSWORD_TOO_WEAK;
            throw Refusal.of(code, "password " + problem.get());
        }
        if (username != null
                && username.strip().length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw Refusal.of(ErrorCode.PASSWORD_TOO_WEAK, "password must not contain the username");
        }
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** Loads the dictionaries now rather than on the first registration. */
    static void warmUp() {
        Estimator.NBVCXZ.estimate("warm-up only");
    }
}
