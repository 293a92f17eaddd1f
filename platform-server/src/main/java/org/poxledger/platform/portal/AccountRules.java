package org.poxledger.platform.portal;

import org.poxledger.platform.security.Passwords;

/** The account rules of {@link Passwords}, as the portal's forms explain them. */
final class AccountRules {

    static final String USERNAME = "Use 3 to 32 letters, digits, dots, underscores or hyphens.";

    static final String PASSWORD = "Use " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH + " characters.";

    private AccountRules() {}
}
