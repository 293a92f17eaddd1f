package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.poxledger.chaincode.Fresh;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submit-to-commit latency of one transaction on the local network (DESIGN 8: far below the patent's 3 s). */
class FabricSubmitLatencyIT {

    private static final Logger log = LoggerFactory.getLogger(FabricSubmitLatencyIT.class);

    private static final Duration PATENT_SETTLEMENT_BOUND = Duration.ofSeconds(3);

    @Test
    void one_transaction_commits_well_within_the_patent_settlement_time() {
        try (FabricLedgerConnection ledger = FabricTestNetwork.fromEnvironment().operator()) {
            // The first submit also pays for the channel's TLS handshake and class loading; measure the second.
            Duration warmUp = timedRegistration(ledger, "warm-up");
            Duration measured = timedRegistration(ledger, "measured");

            log.info(
                    "Submit-to-commit latency: {} ms (first submit on a fresh connection {} ms)",
                    measured.toMillis(),
                    warmUp.toMillis());
            assertThat(measured).isLessThan(PATENT_SETTLEMENT_BOUND);
        }
    }

    private static Duration timedRegistration(FabricLedgerConnection ledger, String label) {
        String memberId = Fresh.id("latency");
        long started = System.nanoTime();
        LedgerResult result =
                ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, Fresh.accountHash());
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        log.info(
                "{} members:RegisterGenesisMember {} committed in block {} as {} after {} ms",
                label,
                memberId,
                result.blockNumber(),
                result.transactionId(),
                latency.toMillis());
        assertThat(result.payloadText()).contains(memberId);
        return latency;
    }
}
