package org.poxledger.platform.security;

/** The rules for usernames and passwords, shared by request validation and configuration checks. */
public final class Passwords {

    /** Minimum password length. */
    public static final int MIN_LENGTH = 10;

    /** Maximum password length: BCrypt reads only 72 bytes, so longer ones would silently be cut. */
    public static final int MAX_LENGTH = 72;

    /** Usernames: 3–32 letters, digits, dot, underscore or hyphen; compared case-insensitively. */
    public static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{3,32}";

    private Passwords() {}
}
