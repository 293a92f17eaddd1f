package org.poxledger.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The PoX platform server: REST API, portal, referral graph, level and reward engines. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PoxPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(PoxPlatformApplication.class, args);
    }
}
