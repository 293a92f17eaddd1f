package org.poxledger.platform.ledger;

import java.nio.file.Path;
import java.time.Duration;
import org.poxledger.ledger.fabric.FabricLedgerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which ledger the server talks to ({@code pox.ledger.*}, environment {@code POX_LEDGER_MODE}, {@code POX_FABRIC_*},
 * {@code POX_EMBEDDED_JOURNAL}).
 *
 * @param mode {@code embedded} (the chaincode in-process) or {@code fabric} (a Fabric Gateway peer)
 * @param embedded settings of the embedded ledger
 * @param fabric settings of the Fabric Gateway client
 */
@ConfigurationProperties("pox.ledger")
public record LedgerProperties(Mode mode, Embedded embedded, Fabric fabric, ConflictRetry conflictRetry) {

    public LedgerProperties {
        mode = mode == null ? Mode.EMBEDDED : mode;
        embedded = embedded == null ? new Embedded(null) : embedded;
        fabric = fabric == null ? new Fabric(null, null, null, null, null, null, null, null, null) : fabric;
        conflictRetry = conflictRetry == null ? ConflictRetry.DEFAULT : conflictRetry;
    }

    /**
     * How a submit invalidated by a read conflict is endorsed again ({@code pox.ledger.conflict-retry.*}). The default
     * outlasts 32 concurrent debits of one payer: each block lets one of them through, so the last may need ~32 rounds.
     *
     * @param maxRetries retries after the first attempt
     * @param delay first backoff
     * @param multiplier backoff growth per retry
     * @param maxDelay longest single backoff
     * @param jitter random spread added to each backoff, so racing submits stop colliding
     * @param timeout overall bound of one submit with its retries
     */
    public record ConflictRetry(
            Long maxRetries, Duration delay, Double multiplier, Duration maxDelay, Duration jitter, Duration timeout) {

        static final ConflictRetry DEFAULT = new ConflictRetry(null, null, null, null, null, null);

        public ConflictRetry {
            maxRetries = maxRetries == null ? 64 : maxRetries;
            delay = delay == null ? Duration.ofMillis(10) : delay;
            multiplier = multiplier == null ? 1.5 : multiplier;
            maxDelay = maxDelay == null ? Duration.ofMillis(500) : maxDelay;
            jitter = jitter == null ? Duration.ofMillis(10) : jitter;
            timeout = timeout == null ? Duration.ofSeconds(45) : timeout;
            if (maxRetries < 0) {
                throw new IllegalArgumentException("pox.ledger.conflict-retry.max-retries must be 0 or more");
            }
        }
    }

    /** The two ledger adapters behind {@link org.poxledger.ledger.LedgerConnection}. */
    public enum Mode {
        EMBEDDED,
        FABRIC
    }

    /**
     * @param journal file the embedded world state is journaled to; empty keeps it in memory only
     */
    public record Embedded(String journal) {

        /** @return the journal file, or {@code null} for an in-memory ledger */
        public Path journalPath() {
            return journal == null || journal.isBlank() ? null : Path.of(journal);
        }
    }

    /**
     * @param peerEndpoint Gateway peer {@code host:port}
     * @param serverName TLS host name to verify instead of the endpoint's host (optional)
     * @param tlsCert PEM of the CA that signed the peer's TLS certificate
     * @param mspId the platform operator's MSP id
     * @param cert PEM of the operator's certificate
     * @param keyDir PEM key file, or a keystore directory with one {@code *_sk} file
     * @param channel channel name
     * @param chaincode chaincode name
     * @param commitTimeout how long a submit waits for its block (default 1 min)
     */
    public record Fabric(
            String peerEndpoint,
            String serverName,
            String tlsCert,
            String mspId,
            String cert,
            String keyDir,
            String channel,
            String chaincode,
            Duration commitTimeout) {

        /** @return validated Gateway settings; a missing or unreadable file fails naming the POX_FABRIC_ variable */
        public FabricLedgerSettings toSettings() {
            FabricLedgerSettings.Deadlines defaults = FabricLedgerSettings.Deadlines.DEFAULT;
            return new FabricLedgerSettings(
                    peerEndpoint,
                    path("POX_FABRIC_TLS_CERT", tlsCert),
                    serverName,
                    mspId,
                    path("POX_FABRIC_CERT", cert),
                    path("POX_FABRIC_KEY_DIR", keyDir),
                    channel == null || channel.isBlank() ? "pox" : channel,
                    chaincode == null || chaincode.isBlank() ? "pox" : chaincode,
                    commitTimeout == null
                            ? defaults
                            : new FabricLedgerSettings.Deadlines(
                                    defaults.evaluate(), defaults.endorse(), defaults.submit(), commitTimeout));
        }

        private static Path path(String variable, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "pox.ledger.mode=fabric needs " + variable + " (a file path), but it is not set");
            }
            return Path.of(value);
        }
    }
}
