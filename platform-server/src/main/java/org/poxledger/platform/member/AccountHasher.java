package org.poxledger.platform.member;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * {@code accountHash = hex(HMAC-SHA256(POX_ACCOUNT_HASH_SECRET, "network:handle"))} over the normalised account
 * (DESIGN §3): the chaincode can enforce one member per account without ever seeing the account.
 */
@Component
public class AccountHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    AccountHasher(IdentityProperties properties) {
        this.key = new SecretKeySpec(properties.accountHashSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** @return 64 lower-case hex characters */
    public String hash(SocialAccount account) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(account.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
