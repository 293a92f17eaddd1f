package org.poxledger.platform.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.invitation.*}.
 *
 * @param validity how long an invitation can be accepted ({@code POX_INVITATION_VALIDITY}, ISO-8601, default 7 days)
 * @param baseUrl public address of the portal; links are {@code <baseUrl>/invite/<code>}
 */
@ConfigurationProperties("pox.invitation")
public record InvitationProperties(Duration validity, String baseUrl) {

    public InvitationProperties {
        validity = validity == null ? Duration.ofDays(7) : validity;
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("POX_INVITATION_VALIDITY must be a positive duration, got " + validity);
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://127.0.0.1:8080" : stripSlash(baseUrl.strip());
    }

    /** @return the link an invitee opens */
    public String link(String code) {
        return baseUrl + "/invite/" + code;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
