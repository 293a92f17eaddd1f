package org.poxledger.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.poxledger.chaincode.Fresh;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-key design of DESIGN §7 on the real network, where endorsements really run concurrently and the peer really
 * validates read sets: many payers paying one member at once never conflict, and concurrent debits of one payer may
 * conflict but never overdraw. Bounded: a fixed number of transactions on a fixed pool, each call under the Gateway deadlines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricHotKeyIT {

    private static final Logger log = LoggerFactory.getLogger(FabricHotKeyIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;
    private static final int HOT_PAYERS = 64;

    private FabricLedgerConnection ledger;

    @BeforeAll
    void connect() {
        ledger = FabricTestNetwork.fromEnvironment().operator();
    }

    @AfterAll
    void disconnect() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void sixty_four_payers_paying_one_payee_at_once_all_commit() throws Exception {
        String payee = genesis();
        List<String> payers = fundedGenesisMembers(HOT_PAYERS, 100);

        // every payer pays once, all at the same moment: only the payee's key is shared, and credits to it are blind
        List<Callable<String>> payments = new ArrayList<>();
        for (String payer : payers) {
            payments.add(() -> outcome(() -> transfer(payer, payee, 5)));
        }
        List<String> outcomes = runConcurrently(payments, HOT_PAYERS);

        assertThat(outcomes)
                .as("every credit commits: no MVCC conflict on the payee")
                .hasSize(HOT_PAYERS)
                .containsOnly("OK");
        assertThat(balance(payee)).isEqualTo(HOT_PAYERS * 5L);
        for (String payer : payers) {
            assertThat(balance(payer)).isEqualTo(95);
        }
    }

    @Test
    void concurrent_debits_of_one_payer_never_overdraw() throws Exception {
        String payer = fundedGenesis(10);
        List<Callable<String>> debits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String payee = genesis();
            debits.add(() -> retriedOnConflict(payer, payee));
        }
        List<String> outcomes = runConcurrently(debits, THREADS);

        assertThat(outcomes.stream().filter("OK"::equals).count()).isEqualTo(10);
        assertThat(outcomes.stream().filter("INSUFFICIENT_FUNDS"::equals).count())
                .isEqualTo(10);
        assertThat(balance(payer)).isZero();
    }

    @Test
    void a_sequential_transfer_loop_reports_its_rate() throws Exception {
        String payer = fundedGenesis(1_000);
        String payee = genesis();
        int count = 30;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            transfer(payer, payee, 1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "Sequential transfers on the local network: {} in {} s = {} transfers/s",
                count,
                seconds,
                count / seconds);
        assertThat(balance(payee)).isEqualTo(count);
    }

    /**
     * The ledger-level view of what the server's conflict retry does: a read conflict means another debit won the race,
     * so the same transfer is endorsed again on fresh state.
     */
    private String retriedOnConflict(String payer, String payee) {
        String transferId = Fresh.id("t");
        for (int attempt = 0; attempt < 20; attempt++) {
            String outcome =
                    outcome(() -> ledger.submit(Transaction.TRANSFER.wireName(), transferId, payer, payee, "1", ""));
            if (!LedgerException.READ_CONFLICT.equals(outcome)) {
                return outcome;
            }
        }
        return "GAVE_UP";
    }

    private static String outcome(Runnable submission) {
        try {
            submission.run();
            return "OK";
        } catch (LedgerException e) {
            return e.code();
        }
    }

    private static List<String> runConcurrently(List<Callable<String>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private void transfer(String from, String to, long amount) {
        ledger.submit(Transaction.TRANSFER.wireName(), Fresh.id("t"), from, to, Long.toString(amount), "");
    }

    private String genesis() {
        String memberId = Fresh.id("g");
        ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, Fresh.accountHash());
        return memberId;
    }

    private String fundedGenesis(long amount) throws Exception {
        return fundedGenesisMembers(1, amount).getFirst();
    }

    /** Registers the members concurrently (independent keys) and funds them all in one reward chunk. */
    private List<String> fundedGenesisMembers(int count, long amount) throws Exception {
        List<Callable<String>> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            registrations.add(this::genesis);
        }
        List<String> memberIds = runConcurrently(registrations, Math.min(count, 32));
        JsonNode policy = currentPolicy();
        int rateBps = policy.get("policy").get("tiers").get(0).get("rateBps").asInt();
        List<String> entries = memberIds.stream()
                .sorted()
                .map(memberId ->
                        "{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":%d,\"scoreBps\":10000}"
                                .formatted(amount, memberId, rateBps))
                .toList();
        String chunk =
                ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2,\"cycleId\":\"%s\",\"cycleStart\":1,\"entries\":[%s],\"entryCount\":%d,"
                                + "\"merkleRoot\":\"%s\",\"policyVersion\":%d}")
                        .formatted(
                                Fresh.id("fund"),
                                String.join(",", entries),
                                entries.size(),
                                Fresh.accountHash(),
                                policy.get("version").asInt());
        ledger.submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        return memberIds;
    }

    private JsonNode currentPolicy() {
        return currentPolicy(ledger);
    }

    /** The published policy, or the default one published now on a ledger that has none yet. */
    static JsonNode currentPolicy(FabricLedgerConnection ledger) {
        try {
            return parse(ledger.evaluate(Transaction.GET_CURRENT_POLICY.wireName()));
        } catch (LedgerException e) {
            if (!"POLICY_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            return parse(ledger.submit(Transaction.PUBLISH_POLICY.wireName(), DefaultPolicy.JSON)
                    .payload());
        }
    }

    private long balance(String memberId) {
        return parse(ledger.evaluate(Transaction.GET_BALANCE.wireName(), memberId))
                .get("balance")
                .asLong();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default policy of DESIGN §5, for a ledger that has none yet. */
    private static final class DefaultPolicy {
        static final String JSON = """
                {"baseRewardUnits":10000,"currency":{"decimals":2,"symbol":"PXC"},\
                "levelWeightBps":[10000,5000,2500],"maxDepth":3,"payoutShareBps":[10000,2000,500],\
                "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000},\
                {"level":2,"minDirect":2,"minScoreBps":30000,"rateBps":12500},\
                {"level":3,"minDirect":3,"minScoreBps":100000,"rateBps":15000},\
                {"level":4,"minDirect":5,"minScoreBps":300000,"rateBps":20000},\
                {"level":5,"minDirect":10,"minScoreBps":1000000,"rateBps":30000}],"version":1}""";
    }
}
