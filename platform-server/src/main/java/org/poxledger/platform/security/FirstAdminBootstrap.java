package org.poxledger.platform.security;

import org.poxledger.platform.graph.GraphSchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up: creates the configured first admin, or, when there is none and no admin exists, prints a one-time
 * setup token. There is never a default password.
 */
@Component
class FirstAdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);

    private final SetupService setup;
    private final SecurityProperties properties;

    // the migrator parameter orders this after the schema (the username constraint) exists
    FirstAdminBootstrap(SetupService setup, SecurityProperties properties, GraphSchemaMigrator schema) {
        this.setup = setup;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        PasswordPolicy.warmUp();
        if (setup.createConfiguredAdmin()) {
            log.info("created the first admin {} from POX_ADMIN_USERNAME", properties.adminUsername());
            return;
        }
        setup.issueTokenIfNoAdmin()
                .ifPresent(token -> log.warn(
                        "No admin exists yet. One-time setup token: {} (valid {}). Create the first admin with"
                                + " POST /api/v1/setup {\"token\":\"...\",\"username\":\"...\",\"password\":\"...\"}"
                                + " or set POX_ADMIN_USERNAME and POX_ADMIN_PASSWORD.",
                        token,
                        properties.setupTokenValidity()));
    }
}
