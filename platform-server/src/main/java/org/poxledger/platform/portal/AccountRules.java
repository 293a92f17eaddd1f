package org.poxledger.platform.portal;

import org.poxledger.platform.security.Passwords;

/** The account rules of {@link Passwords}, as the portal's forms explain them. */
final class AccountRules {

    static final String USERNAME = "Use 3 to 32 letters, digits, dots, underscores or hyphens.";

    static final String PASSWORD = "Use at least " + Passwords.MIN_LENGTH + " characters (at most "
            + Passwords.MAX_LENGTH + " bytes), hard to guess: a few unrelated words work well.";

    private AccountRules() {}
}
