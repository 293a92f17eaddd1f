package org.poxledger.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.security.*}. There is no default admin password (DESIGN §9): the first admin comes from
 * {@code POX_ADMIN_USERNAME}/{@code POX_ADMIN_PASSWORD}, or else from a one-time setup token printed at start-up.
 *
 * @param adminUsername first admin's username, empty for none
 * @param adminPassword first admin's password, required with the username
 * @param setupTokenValidity how long a printed setup token stays usable
 */
@ConfigurationProperties("pox.security")
public record SecurityProperties(String adminUsername, String adminPassword, Duration setupTokenValidity) {

    public SecurityProperties {
        adminUsername = adminUsername == null || adminUsername.isBlank() ? null : adminUsername.strip();
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
        setupTokenValidity = setupTokenValidity == null ? Duration.ofHours(24) : setupTokenValidity;
        if (adminUsername != null && adminPassword == null) {
            throw new IllegalArgumentException("POX_ADMIN_USERNAME is set but POX_ADMIN_PASSWORD is not:"
                    + " set both, or neither to create the first admin with the setup token");
        }
        if (adminPassword != null && adminUsername == null) {
            throw new IllegalArgumentException("POX_ADMIN_PASSWORD is set but POX_ADMIN_USERNAME is not");
        }
        if (adminPassword != null) {
            PasswordPolicy.problem(adminPassword).ifPresent(problem -> {
                throw new IllegalArgumentException("POX_ADMIN_PASSWORD " + problem);
            });
        }
    }

    /** @return whether the first admin is configured */
    public boolean adminConfigured() {
        return adminUsername != null;
    }

    @Override
    public String toString() {
        return "SecurityProperties[adminUsername=" + adminUsername + ", adminPassword=<hidden>, setupTokenValidity="
                + setupTokenValidity + "]";
    }
}
