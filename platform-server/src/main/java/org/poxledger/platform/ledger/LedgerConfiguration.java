package org.poxledger.platform.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.fabric.FabricLedgerConnection;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link LedgerConnection} bean, for {@code pox.ledger.mode}: {@code embedded} runs the chaincode classes
 * in-process as the platform operator (journaled to {@code POX_EMBEDDED_JOURNAL}, or in memory when that is empty);
 * {@code fabric} connects to a Gateway peer with the {@code POX_FABRIC_*} identity. Either way each attempt of a submit
 * is timed ({@code pox.ledger.submit}) and a read conflict is endorsed again ({@link ConflictRetryingLedgerConnection}).
 * Spring closes the connection on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean(destroyMethod = "close")
    LedgerConnection ledgerConnection(LedgerProperties properties, MeterRegistry meters) {
        LedgerConnection ledger =
                switch (properties.mode()) {
                    case EMBEDDED -> embedded(properties.embedded());
                    case FABRIC -> fabric(properties.fabric());
                };
        return new ConflictRetryingLedgerConnection(
                new TimedLedgerConnection(ledger, meters), properties.conflictRetry(), meters);
    }

    private static LedgerConnection embedded(LedgerProperties.Embedded settings) {
        EmbeddedLedger.Builder builder = EmbeddedLedger.builder().identity(LedgerIdentity.operator());
        Path journal = settings.journalPath();
        if (journal == null) {
            log.info("ledger mode embedded, in memory: everything is lost at shutdown");
        } else {
            createParent(journal);
            builder.journal(journal);
            log.info("ledger mode embedded, journal {}", journal.toAbsolutePath());
        }
        return builder.open();
    }

    private static LedgerConnection fabric(LedgerProperties.Fabric settings) {
        var fabric = settings.toSettings();
        log.info(
                "ledger mode fabric: peer {} channel {} chaincode {} as {}",
                fabric.peerEndpoint(),
                fabric.channel(),
                fabric.chaincode(),
                fabric.mspId());
        return FabricLedgerConnection.connect(fabric);
    }

    private static void createParent(Path journal) {
        Path parent = journal.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of POX_EMBEDDED_JOURNAL: " + parent, e);
        }
    }
}
