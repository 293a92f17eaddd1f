package org.poxledger.platform.member;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The networks an account may live on, each with its handle rules. Normalising makes two spellings of one account
 * equal before hashing, so "one member per account" cannot be dodged by case or punctuation.
 */
public enum SocialNetwork {
    /** {@code email:alice@example.org}: whole address lower-cased. */
    EMAIL(
            Pattern.compile(
                    "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")) {
        @Override
        String clean(String handle) {
            return handle.toLowerCase(Locale.ROOT);
        }
    },
    /** {@code phone:+8613800138000}: E.164, spaces, dots, dashes and parentheses dropped. */
    PHONE(Pattern.compile("\\+[1-9][0-9]{6,14}")) {
        @Override
        String clean(String handle) {
            return handle.replaceAll("[\\s.()-]", "");
        }
    },
    /** {@code wechat:alice01}: 6–20 characters, a letter first, then letters, digits, _ or -; case-insensitive. */
    WECHAT(Pattern.compile("[a-z][a-z0-9_-]{5,19}")) {
        @Override
        String clean(String handle) {
            return handle.toLowerCase(Locale.ROOT);
        }
    },
    /** {@code telegram:alice_01}: 5–32 letters, digits or _, a leading @ dropped; case-insensitive. */
    TELEGRAM(Pattern.compile("[a-z][a-z0-9_]{4,31}")) {
        @Override
        String clean(String handle) {
            return stripAt(handle).toLowerCase(Locale.ROOT);
        }
    },
    /** {@code x:alice_01}: 1–15 letters, digits or _, a leading @ dropped; case-insensitive. */
    X(Pattern.compile("[a-z0-9_]{1,15}")) {
        @Override
        String clean(String handle) {
            return stripAt(handle).toLowerCase(Locale.ROOT);
        }
    },
    /** {@code github:alice-01}: 1–39 letters, digits or single inner hyphens; case-insensitive. */
    GITHUB(Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}")) {
        @Override
        String clean(String handle) {
            return stripAt(handle).toLowerCase(Locale.ROOT);
        }
    };

    private final Pattern valid;

    SocialNetwork(Pattern valid) {
        this.valid = valid;
    }

    /** @return the network's wire name, e.g. {@code wechat} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a network name in any case, surrounding blanks ignored
     * @return the network, if known
     */
    public static Optional<SocialNetwork> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (SocialNetwork network : values()) {
            if (network.wireName().equals(wanted)) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }

    /**
     * @param handle the handle as typed
     * @return the normalised handle, or empty when it breaks this network's rules
     */
    Optional<String> normalise(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        String cleaned = clean(handle.strip());
        return valid.matcher(cleaned).matches() ? Optional.of(cleaned) : Optional.empty();
    }

    abstract String clean(String handle);

    private static String stripAt(String handle) {
        return handle.startsWith("@") ? handle.substring(1) : handle;
    }
}
