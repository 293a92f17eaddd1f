package org.poxledger.platform.member;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;

/**
 * A normalised social account, {@code network:handle} (DESIGN §3). Kept in clear only in Neo4j; on-chain it is only
 * ever its {@link AccountHasher HMAC}.
 *
 * @param network the network
 * @param handle the handle, normalised by the network's rules
 */
public record SocialAccount(SocialNetwork network, String handle) {

    /**
     * Normalises and validates an account as typed.
     *
     * @throws Refusal {@code UNKNOWN_NETWORK} (field {@code network}) or {@code MALFORMED_HANDLE} (field
     *     {@code handle})
     */
    public static SocialAccount of(String network, String handle) {
        SocialNetwork known = SocialNetwork.byName(network)
                .orElseThrow(() -> Refusal.of(
                        ErrorCode.UNKNOWN_NETWORK,
                        "network",
                        "network '" + network + "' is not supported; use one of " + supported()));
        String normalised = known.normalise(handle)
                .orElseThrow(() -> Refusal.of(
                        ErrorCode.MALFORMED_HANDLE,
                        "handle",
                        "'" + handle + "' is not a valid " + known.wireName() + " handle"));
        return new SocialAccount(known, normalised);
    }

    /** Reads back a stored canonical form; it was validated when stored. */
    public static SocialAccount parse(String canonical) {
        int colon = canonical.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a network:handle account: " + canonical);
        }
        return of(canonical.substring(0, colon), canonical.substring(colon + 1));
    }

    /** @return {@code network:handle}, the text that is hashed and stored */
    public String canonical() {
        return network.wireName() + ":" + handle;
    }

    @Override
    public String toString() {
        return canonical();
    }

    private static String supported() {
        return Arrays.stream(SocialNetwork.values())
                .map(SocialNetwork::wireName)
                .collect(Collectors.joining(", "));
    }
}
