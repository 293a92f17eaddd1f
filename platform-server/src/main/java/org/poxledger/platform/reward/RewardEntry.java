package org.poxledger.platform.reward;

import java.util.regex.Pattern;
import org.poxledger.contract.RewardMerkle;
import org.poxledger.contract.model.RewardChunk;

/**
 * One member's reward in one cycle: the chunk entry of {@code rewards:PayRewardChunk} and a Merkle leaf.
 *
 * @param memberId the ancestor who earns
 * @param scoreBps the member's weighted score at the cycle's end
 * @param level the member's level at the cycle's end
 * @param rateBps that level's rate
 * @param events expansion events of the cycle within maxDepth below the member
 * @param amount minted minor units, {@code floor(base × rate × Σ_d share[d] × new_d / 10^8)}
 */
public record RewardEntry(String memberId, long scoreBps, int level, int rateBps, long events, long amount) {

    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public RewardEntry {
        if (memberId == null || !MEMBER_ID.matcher(memberId).matches()) {
            throw new IllegalArgumentException("member id must match [A-Za-z0-9_-]{1,64}, was " + memberId);
        }
        if (scoreBps < 0 || level < 1 || rateBps < 0 || events < 0 || amount < 0) {
            throw new IllegalArgumentException("reward entry of " + memberId + " has a negative number or no level: "
                    + "score=" + scoreBps + " level=" + level + " rate=" + rateBps + " events=" + events
                    + " amount=" + amount);
        }
    }

    /**
     * @param recorded an entry as the ledger records it
     * @return its six hashed fields
     */
    public static RewardEntry of(org.poxledger.contract.model.RewardEntry recorded) {
        return new RewardEntry(
                recorded.memberId(),
                recorded.scoreBps(),
                recorded.level(),
                recorded.rateBps(),
                recorded.events(),
                recorded.amount());
    }

    /** @return this entry as a line of a {@code rewards:PayRewardChunk} chunk */
    public RewardChunk.Line line() {
        return new RewardChunk.Line(amount, events, level, memberId, rateBps, scoreBps);
    }

    /**
     * The canonical bytes hashed into the Merkle leaf, as {@link RewardMerkle#canonicalJson(RewardChunk.Line)} of the
     * wire contract defines them (the chaincode's seal hashes the same bytes).
     *
     * @return e.g. {@code {"amount":12500,"events":3,"level":1,"memberId":"m1","rateBps":10000,"scoreBps":17500}}
     */
    public String canonicalJson() {
        return RewardMerkle.canonicalJson(line());
    }
}
