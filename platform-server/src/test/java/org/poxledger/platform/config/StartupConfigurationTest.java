package org.poxledger.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.poxledger.platform.member.IdentityProperties;
import org.poxledger.platform.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class StartupConfigurationTest {

    @Configuration
    @EnableConfigurationProperties({IdentityProperties.class, SecurityProperties.class})
    static class Properties {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void start_up_fails_naming_POX_ACCOUNT_HASH_SECRET_when_it_is_missing() {
        runner.withPropertyValues("pox.identity.account-hash-secret=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("POX_ACCOUNT_HASH_SECRET");
        });
    }

    @Test
    void start_up_fails_when_an_admin_username_comes_without_a_password() {
        runner.withPropertyValues(
                        "pox.identity.account-hash-secret=" + "s".repeat(40), "pox.security.admin-username=root")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("POX_ADMIN_PASSWORD");
                });
    }

    @Test
    void starts_with_a_long_enough_secret_and_no_admin_configured() {
        runner.withPropertyValues("pox.identity.account-hash-secret=" + "s".repeat(40))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SecurityProperties.class).adminConfigured())
                            .isFalse();
                });
    }
}
