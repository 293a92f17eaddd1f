package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poxledger.chaincode.Fresh;
import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of the real network stopped in the middle of a stream of transfers (issue 10): while it is down every
 * transfer fails at once with a clear LEDGER_UNAVAILABLE, nothing is written; once it is back, each failed transfer
 * retried with its own transfer id commits exactly once, and a replay of every id moves nothing more. Bounded: a fixed
 * number of transfers, each attempt under the Gateway deadlines, the recovery under a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricOutageIT {

    private static final Logger log = LoggerFactory.getLogger(FabricOutageIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BEFORE = 5;
    private static final int DURING = 5;
    private static final long AMOUNT = 7;
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private FabricTestNetwork network;
    private FabricLedgerConnection ledger;

    @BeforeAll
    void connect() {
        network = FabricTestNetwork.fromEnvironment();
        ledger = network.operator();
    }

    @AfterEach
    void networkBackUp() {
        // whatever the test did, the next test (and the platform's Fabric run) gets the whole network again
        networkScript("up");
    }

    @AfterAll
    void disconnect() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @ParameterizedTest(name = "{0} stopped")
    @ValueSource(strings = {"orderer", "peer0.platform"})
    void transfers_fail_clearly_while_a_node_is_down_and_commit_exactly_once_when_retried(String node)
            throws Exception {
        String payer = genesis();
        String payee = genesis();
        fund(payer, 1_000);
        Map<String, String> memos = new LinkedHashMap<>();
        for (int i = 0; i < BEFORE; i++) {
            String transferId = Fresh.id("t");
            ledger.submit("money:Transfer", transferId, payer, payee, Long.toString(AMOUNT), "before");
            memos.put(transferId, "before");
        }

        networkScript("stop", node);
        Map<String, String> whileDown = new LinkedHashMap<>();
        for (int i = 0; i < DURING; i++) {
            String transferId = Fresh.id("t");
            long started = System.nanoTime();
            String outcome = outcome(() -> ledger.submit(
                    "money:Transfer", transferId, payer, payee, Long.toString(AMOUNT), "during an outage"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("transfer {} with {} down: {} after {} ms", transferId, node, outcome, millis);
            whileDown.put(transferId, outcome);
            memos.put(transferId, "during an outage");
        }
        assertThat(whileDown.values())
                .as("every transfer while %s is down fails as LEDGER_UNAVAILABLE", node)
                .containsOnly(LedgerException.LEDGER_UNAVAILABLE);

        networkScript("up");
        for (String transferId : whileDown.keySet()) {
            retryUntilCommitted(transferId, payer, payee);
        }
        // a client that is not sure replays every id: the chaincode answers with the stored transfer, moves nothing
        memos.forEach((transferId, memo) ->
                ledger.submit("money:Transfer", transferId, payer, payee, Long.toString(AMOUNT), memo));

        long committed = BEFORE + DURING;
        assertThat(balance(payer)).isEqualTo(1_000 - committed * AMOUNT);
        assertThat(balance(payee)).isEqualTo(committed * AMOUNT);
    }

    private void retryUntilCommitted(String transferId, String payer, String payee) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        LedgerException last = null;
        while (System.nanoTime() < deadline) {
            try {
                ledger.submit("money:Transfer", transferId, payer, payee, Long.toString(AMOUNT), "during an outage");
                return;
            } catch (LedgerException e) {
                if (!LedgerException.LEDGER_UNAVAILABLE.equals(e.code()) && !e.isReadConflict()) {
                    throw e;
                }
                last = e;
                // the node is starting (Raft election, gRPC reconnect): the next attempt is a second away
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        fail("transfer " + transferId + " did not commit within " + RECOVERY + " after the network came back: " + last);
    }

    private static String outcome(Runnable submission) {
        try {
            submission.run();
            return "OK";
        } catch (LedgerException e) {
            return e.code();
        }
    }

    private void networkScript(String... args) {
        List<String> command = new ArrayList<>(
                List.of("bash", Path.of("..", "network-config", "network.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("POX_NETWORK_DIR", network.directory().toString());
        builder.environment().put("POX_CHAINCODE_BUILD", "0");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                fail("network.sh " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run network.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String genesis() {
        String memberId = Fresh.id("g");
        ledger.submit("members:RegisterGenesisMember", memberId, Fresh.accountHash());
        return memberId;
    }

    private void fund(String memberId, long amount) throws IOException {
        int version = FabricHotKeyIT.currentPolicy(ledger).get("version").asInt();
        String cycleId = Fresh.id("fund");
        ledger.submit(
                "rewards:PayRewardChunk",
                ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2,\"cycleId\":\"%s\",\"cycleStart\":1,\"entries\":[{\"amount\":%d,\"events\":1,"
                                + "\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,\"scoreBps\":10000}],"
                                + "\"entryCount\":1,\"merkleRoot\":\"%s\",\"policyVersion\":%d}")
                        .formatted(cycleId, amount, memberId, Fresh.accountHash(), version));
    }

    private long balance(String memberId) throws IOException {
        return JSON.readTree(ledger.evaluate("money:GetBalance", memberId))
                .get("balance")
                .asLong();
    }
}
