package org.poxledger.chaincode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.PolicyLimits;
import org.poxledger.contract.model.PolicyRecord;
import org.poxledger.contract.model.RewardChunk;
import org.poxledger.contract.model.RewardLine;
import org.poxledger.contract.model.Tier;

/**
 * Reads and checks the {@code chunkJson} argument of {@code rewards:PayRewardChunk}: shape (MALFORMED_JSON), ids, the
 * cycle's own consistency and its chunk starts (INVALID_ARGUMENT), and every entry, which must lie inside the chunk's
 * range (REWARD_ENTRY_INVALID).
 */
final class RewardChunkReader {

    private static final String ARGUMENT = "chunkJson";

    private RewardChunkReader() {}

    /**
     * @param chunkJson the argument text
     * @return the chunk, checked as far as it can be without world state
     */
    static RewardChunk parse(final String chunkJson) {
        final JsonFields fields = JsonFields.parseObject(ARGUMENT, chunkJson)
                .onlyFields(
                        "chunkIndex",
                        "chunkStarts",
                        "cycleEnd",
                        "cycleId",
                        "cycleStart",
                        "entries",
                        "entryCount",
                        "merkleRoot",
                        "policyVersion");
        final String cycleId = Arguments.id(field("cycleId"), fields.string("cycleId"));
        final int policyVersion = fields.intValue("policyVersion");
        final String merkleRoot = Arguments.sha256Hex(field("merkleRoot"), fields.string("merkleRoot"));
        final long cycleStart = fields.longValue("cycleStart");
        final long cycleEnd = fields.longValue("cycleEnd");
        final int entryCount = fields.intValue("entryCount");
        final int chunkIndex = fields.intValue("chunkIndex");
        final List<String> chunkStarts = fields.stringList("chunkStarts");
        final List<RewardLine> lines = new ArrayList<>();
        for (final JsonFields entry : fields.objectList("entries")) {
            entry.onlyFields("amount", "events", "level", "memberId", "rateBps", "scoreBps");
            lines.add(new RewardLine(
                    entry.longValue("amount"),
                    entry.longValue("events"),
                    entry.intValue("level"),
                    entry.string("memberId"),
                    entry.intValue("rateBps"),
                    entry.longValue("scoreBps")));
        }

        if (policyVersion < 1) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT, "%s must be at least 1, got %d", field("policyVersion"), policyVersion);
        }
        if (cycleStart < 0 || cycleEnd <= cycleStart) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s and %s must satisfy 0 <= cycleStart < cycleEnd, got %d and %d",
                    field("cycleStart"),
                    field("cycleEnd"),
                    cycleStart,
                    cycleEnd);
        }
        if (entryCount < lines.size()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s is %d but this chunk alone has %d entries",
                    field("entryCount"),
                    entryCount,
                    lines.size());
        }
        checkChunkStarts(chunkStarts, chunkIndex, entryCount);
        final String from = chunkStarts.get(chunkIndex);
        final String upTo = chunkIndex + 1 < chunkStarts.size() ? chunkStarts.get(chunkIndex + 1) : null;
        final Set<String> members = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            final RewardLine line = lines.get(i);
            Arguments.id(field("entries[" + i + "].memberId"), line.memberId());
            entryRule(line.amount() >= 0, i, "amount", line.amount());
            if (line.amount() > PolicyLimits.MAX_REWARD_AMOUNT) {
                throw LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_INVALID,
                        "%s must be at most %d, got %d",
                        field("entries[" + i + "].amount"),
                        PolicyLimits.MAX_REWARD_AMOUNT,
                        line.amount());
            }
            entryRule(line.events() >= 0, i, "events", line.events());
            entryRule(line.scoreBps() >= 0, i, "scoreBps", line.scoreBps());
            entryRule(line.level() >= 1, i, "level", line.level());
            entryRule(line.rateBps() >= 1, i, "rateBps", line.rateBps());
            if (!members.add(line.memberId())) {
                throw LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_INVALID,
                        "%s names member %s twice",
                        field("entries[" + i + "].memberId"),
                        line.memberId());
            }
            if (line.memberId().compareTo(from) < 0
                    || (upTo != null && line.memberId().compareTo(upTo) >= 0)) {
                throw LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_INVALID,
                        "%s is %s, outside chunk %d, which holds the members from \"%s\" up to %s",
                        field("entries[" + i + "].memberId"),
                        line.memberId(),
                        chunkIndex,
                        from,
                        upTo == null ? "the last" : "\"" + upTo + "\" (exclusive)");
            }
        }
        return new RewardChunk(
                cycleId, policyVersion, merkleRoot, cycleStart, cycleEnd, entryCount, lines, chunkIndex, chunkStarts);
    }

    /** Chunk 0 starts at "", the other starts are member ids in strictly increasing order, at most one per entry. */
    private static void checkChunkStarts(final List<String> chunkStarts, final int chunkIndex, final int entryCount) {
        if (chunkStarts.isEmpty() || chunkStarts.size() > Math.max(1, entryCount)) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s must name 1 to %d chunks (at most one per entry of the cycle), got %d",
                    field("chunkStarts"),
                    Math.max(1, entryCount),
                    chunkStarts.size());
        }
        if (!chunkStarts.getFirst().isEmpty()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s must be \"\" (chunk 0 starts at the first member), got %s",
                    field("chunkStarts[0]"),
                    Arguments.shown(chunkStarts.getFirst()));
        }
        for (int k = 1; k < chunkStarts.size(); k++) {
            Arguments.id(field("chunkStarts[" + k + "]"), chunkStarts.get(k));
            if (chunkStarts.get(k).compareTo(chunkStarts.get(k - 1)) <= 0) {
                throw LedgerRefusal.of(
                        ErrorCode.INVALID_ARGUMENT,
                        "%s is %s, not after chunkStarts[%d] %s: chunk starts must strictly increase",
                        field("chunkStarts[" + k + "]"),
                        chunkStarts.get(k),
                        k - 1,
                        Arguments.shown(chunkStarts.get(k - 1)));
            }
        }
        if (chunkIndex < 0 || chunkIndex >= chunkStarts.size()) {
            throw LedgerRefusal.of(
                    ErrorCode.INVALID_ARGUMENT,
                    "%s must be 0 to %d (the cycle has %d chunks), got %d",
                    field("chunkIndex"),
                    chunkStarts.size() - 1,
                    chunkStarts.size(),
                    chunkIndex);
        }
    }

    /**
     * Checks each entry's level and rate against the policy the cycle names.
     *
     * @param chunk a parsed chunk
     * @param policy its policy
     */
    static void checkAgainst(final RewardChunk chunk, final PolicyRecord policy) {
        final List<Tier> tiers = policy.policy().tiers();
        for (int i = 0; i < chunk.entries().size(); i++) {
            final RewardLine line = chunk.entries().get(i);
            if (line.level() > tiers.size()) {
                throw LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_INVALID,
                        "%s is %d but policy version %d has levels 1 to %d",
                        field("entries[" + i + "].level"),
                        line.level(),
                        policy.version(),
                        tiers.size());
            }
            final int tierRate = tiers.get(line.level() - 1).rateBps();
            if (line.rateBps() != tierRate) {
                throw LedgerRefusal.of(
                        ErrorCode.REWARD_ENTRY_INVALID,
                        "%s is %d but level %d of policy version %d pays %d",
                        field("entries[" + i + "].rateBps"),
                        line.rateBps(),
                        line.level(),
                        policy.version(),
                        tierRate);
            }
        }
    }

    private static void entryRule(final boolean holds, final int index, final String name, final long value) {
        if (!holds) {
            throw LedgerRefusal.of(
                    ErrorCode.REWARD_ENTRY_INVALID,
                    "%s must be %s, got %d",
                    field("entries[" + index + "]." + name),
                    name.equals("level") || name.equals("rateBps") ? "at least 1" : "zero or more",
                    value);
        }
    }

    private static String field(final String path) {
        return ARGUMENT + " field " + path;
    }
}
