package org.poxledger.platform.reward;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pox.rewards.*}.
 *
 * @param chunkSize entries per {@code PayRewardChunk} transaction (default 500, the fastest measured in bench/RESULTS.md)
 * @param leaseDuration how long a runner owns a cycle without renewing (renewed before every chunk)
 * @param resumeOnStartup whether unfinished cycles are resumed when the server starts
 * @param resumeInterval how often unfinished cycles are resumed in the background; zero or negative disables it
 * @param transientRetries attempts per chunk when the ledger is unavailable or a commit fails (MVCC conflict)
 * @param retryBackoff first pause between such attempts; it doubles per attempt
 * @param parallelChunks chunks of one cycle in flight at once (default 8, 1..64); chunks touch disjoint keys, so they
 *     do not conflict on Fabric; the cycle's first chunk goes alone because it records the cycle
 */
@ConfigurationProperties("pox.rewards")
public record RewardProperties(
        Integer chunkSize,
        Duration leaseDuration,
        Boolean resumeOnStartup,
        Duration resumeInterval,
        Integer transientRetries,
        Duration retryBackoff,
        Integer parallelChunks) {

    public RewardProperties {
        chunkSize = chunkSize == null ? 500 : chunkSize;
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new IllegalArgumentException("pox.rewards.chunk-size must be between 1 and 1000, was " + chunkSize);
        }
        leaseDuration = leaseDuration == null ? Duration.ofMinutes(2) : leaseDuration;
        resumeOnStartup = resumeOnStartup == null || resumeOnStartup;
        resumeInterval = resumeInterval == null ? Duration.ofMinutes(5) : resumeInterval;
        transientRetries = transientRetries == null ? 3 : transientRetries;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        parallelChunks = parallelChunks == null ? 8 : parallelChunks;
        if (parallelChunks < 1 || parallelChunks > 64) {
            throw new IllegalArgumentException(
                    "pox.rewards.parallel-chunks must be between 1 and 64, was " + parallelChunks);
        }
    }

    /** @return the defaults */
    public static RewardProperties defaults() {
        return new RewardProperties(null, null, null, null, null, null, null);
    }

    /** @return these settings with another chunk size */
    public RewardProperties withChunkSize(int size) {
        return new RewardProperties(
                size, leaseDuration, resumeOnStartup, resumeInterval, transientRetries, retryBackoff, parallelChunks);
    }

    /** @return these settings with another number of chunks in flight */
    public RewardProperties withParallelChunks(int chunks) {
        return new RewardProperties(
                chunkSize, leaseDuration, resumeOnStartup, resumeInterval, transientRetries, retryBackoff, chunks);
    }
}
