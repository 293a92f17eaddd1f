package org.poxledger.bench.fabric;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.poxledger.bench.BenchResults;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.payword.PaywordChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code channel_redeem_vs_transfers_ratio} (DESIGN §8, seed 001: many micro-payments, one settlement): the time to
 * settle 10,000 one-unit payments on the ledger as 10,000 {@code money:Transfer} transactions, against settling the
 * same 10,000 payments through one {@code channels:Redeem} of payword 10,000 (the chaincode checks 10,000 hashes back
 * to the root).
 *
 * <ul>
 *   <li>transfers: from request to committed, as fast as the ledger takes them: on Fabric 64 concurrent clients, each
 *       paying from its own funded payer (the best load of {@link FabricSettlementBenchmark}); the embedded ledger
 *       commits one transaction at a time, so one client;
 *   <li>redeem: the median of {@value #REDEEMS} redeems, each of a fresh channel of 10,000 words (opening and closing
 *       are timed too: {@code _with_open_close} counts all three transactions against the transfers).
 * </ul>
 *
 * <p>Usage: {@code java ... ChannelRedeemBenchmark <repository> embedded|fabric [commit]}. The Fabric run creates a
 * fresh channel of the running local network (never the product's {@code pox}); {@code make bench} runs the embedded
 * one always and the Fabric one when the network is up.
 */
public final class ChannelRedeemBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ChannelRedeemBenchmark.class);
    private static final int PAYMENTS = 10_000;
    private static final int REDEEMS = 5;
    private static final int FABRIC_CLIENTS = 64;

    private final LedgerConnection[] connections;
    private final int clients;

    private ChannelRedeemBenchmark(LedgerConnection[] connections, int clients) {
        this.connections = connections;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        Path repository =
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String mode = args.length > 1 ? args[1] : "embedded";
        String commit = args.length > 2 ? args[2] : "unknown";
        Map<String, Number> metrics;
        if (mode.equals("fabric")) {
            Path networkDir = repository.resolve(".pox/network");
            if (!TestChannel.networkExists(networkDir)) {
                log.warn("no local Fabric network in {}: channel redeem benchmark on Fabric SKIPPED", networkDir);
                return;
            }
            TestChannel channel = TestChannel.create(
                    repository,
                    networkDir,
                    "bench-redeem-" + UUID.randomUUID().toString().substring(0, 8),
                    "PoxChannel");
            LedgerConnection[] connections = new LedgerConnection[4];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = channel.connect();
            }
            try {
                metrics = new ChannelRedeemBenchmark(connections, FABRIC_CLIENTS).measure("_fabric");
            } finally {
                for (LedgerConnection connection : connections) {
                    connection.close();
                }
            }
            // the figure is the real network's
            metrics.put("channel_redeem_vs_transfers_ratio", metrics.get("channel_redeem_vs_transfers_ratio_fabric"));
        } else if (mode.equals("embedded")) {
            try (EmbeddedLedger ledger = EmbeddedLedger.builder().open()) {
                metrics = new ChannelRedeemBenchmark(new LedgerConnection[] {ledger}, 1).measure("_embedded");
            }
        } else {
            throw new IllegalArgumentException("usage: ChannelRedeemBenchmark <repository> embedded|fabric [commit]");
        }
        BenchResults.merge(repository.resolve("bench/results/latest.json"), commit, metrics);
        log.info("channel redeem against transfers ({}): {}", mode, metrics);
    }

    private Map<String, Number> measure(String suffix) throws Exception {
        Funding funding = new Funding(connections[0]);
        // the channel payer locks one deposit of PAYMENTS units per redeem measured
        List<String> payers = funding.fundedMembers(clients + 1, (long) PAYMENTS * REDEEMS);
        String payee = funding.members(1).getFirst();
        String channelPayer = payers.getLast();

        double transfersSeconds = transfers(payers.subList(0, clients), payee);
        log.info("{} transfers of 1 unit with {} client(s): {} s", PAYMENTS, clients, transfersSeconds);

        double[] redeemMs = new double[REDEEMS];
        double[] allThreeMs = new double[REDEEMS];
        for (int i = 0; i < REDEEMS; i++) {
            PaywordChain chain = PaywordChain.fromSeed(seed(), PAYMENTS);
            String channelId = "bench-ch-" + UUID.randomUUID().toString().substring(0, 12);
            long started = System.nanoTime();
            connections[0].submit(
                    Transaction.OPEN_CHANNEL.wireName(),
                    channelId,
                    channelPayer,
                    payee,
                    "1",
                    Integer.toString(PAYMENTS),
                    chain.root(),
                    Long.toString(
                            System.currentTimeMillis() + Duration.ofDays(1).toMillis()));
            long opened = System.nanoTime();
            connections[0].submit(
                    Transaction.REDEEM.wireName(), channelId, payee, Integer.toString(PAYMENTS), chain.word(PAYMENTS));
            long redeemed = System.nanoTime();
            connections[0].submit(Transaction.CLOSE_CHANNEL.wireName(), channelId, payee);
            long closed = System.nanoTime();
            redeemMs[i] = (redeemed - opened) / 1e6;
            allThreeMs[i] = (closed - started) / 1e6;
            log.info("redeem of {} paywords: {} ms; open + redeem + close {} ms", PAYMENTS, redeemMs[i], allThreeMs[i]);
        }
        double redeem = median(redeemMs);
        double allThree = median(allThreeMs);
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("transfers_10k_s" + suffix, transfersSeconds);
        metrics.put("channel_redeem_10k_ms" + suffix, redeem);
        metrics.put("channel_redeem_vs_transfers_ratio" + suffix, transfersSeconds * 1000 / redeem);
        metrics.put("channel_redeem_vs_transfers_ratio_with_open_close" + suffix, transfersSeconds * 1000 / allThree);
        return metrics;
    }

    /** @return seconds to commit {@value #PAYMENTS} transfers of one unit, shared out between the payers */
    private double transfers(List<String> payers, String payee) throws Exception {
        AtomicInteger left = new AtomicInteger(PAYMENTS);
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < payers.size(); w++) {
                String payer = payers.get(w);
                LedgerConnection connection = connections[w % connections.length];
                running.add(workers.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        connection.submit(
                                Transaction.TRANSFER.wireName(), "t-" + UUID.randomUUID(), payer, payee, "1", "");
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static byte[] seed() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return seed;
    }
}
