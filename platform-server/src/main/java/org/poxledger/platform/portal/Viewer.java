package org.poxledger.platform.portal;

import org.poxledger.platform.security.PoxUser;

/**
 * Who is looking at a portal page, as the templates need it ({@code viewer}, {@code null} when nobody is logged in).
 *
 * @param username log-in name
 * @param admin whether the account may use the admin pages
 * @param member whether the account acts for a member
 */
public record Viewer(String username, boolean admin, boolean member) {

    static Viewer of(PoxUser user) {
        return user == null ? null : new Viewer(user.username(), user.isAdmin(), user.memberId() != null);
    }
}
