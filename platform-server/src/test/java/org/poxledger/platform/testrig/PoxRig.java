package org.poxledger.platform.testrig;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.neo4j.driver.Driver;
import org.poxledger.contract.Transaction;
import org.poxledger.contract.model.Member;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.platform.ledger.LedgerClient;
import org.poxledger.platform.ledger.LedgerPayloads;
import org.poxledger.platform.payment.ChannelProjection;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.policy.RewardPolicy;
import org.poxledger.platform.reward.RewardProperties;
import org.poxledger.platform.reward.RewardWiring;
import org.poxledger.platform.support.GraphTestSupport;
import org.poxledger.platform.support.TestLedger;
import org.poxledger.platform.wallet.MoneyLedger;
import org.poxledger.platform.wallet.WalletProjection;
import org.poxledger.platform.wallet.WalletService;
import org.poxledger.platform.wallet.WalletWiring;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real chaincode and the real Neo4j (harness), with the platform's ledger-facing beans wired by hand. The ledger
 * is {@link TestLedger#fresh() fresh}: the chaincode in-process (embedded), or a new channel of the real Fabric network
 * on the Fabric run. Members are registered on the ledger first and then projected into the graph, as the server
 * does. One clock drives the services and, on the embedded ledger, the transaction timestamps; on Fabric it follows
 * real time ({@link MutableClock#followingRealTime()}).
 */
public final class PoxRig implements AutoCloseable {

    public static final long START = 1_700_000_000_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final MutableClock clock;
    /** The ledger itself, without the wrapper the services may see. */
    public final LedgerConnection base;
    /** What the services talk to: {@link #base}, or a wrapper of it. */
    public final LedgerConnection ledger;

    public final GraphTestSupport graph;
    public final Driver driver;
    public final LedgerPolicyCatalog policies;
    public final WalletProjection wallets;
    public final ChannelProjection channels;
    public final WalletService wallet;
    public final MoneyLedger money;
    public final RewardProperties rewardProperties;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final RewardWiring rewards;

    private PoxRig(RewardProperties rewardProperties, UnaryOperator<LedgerConnection> wrap) {
        this(rewardProperties, wrap, null);
    }

    private PoxRig(RewardProperties rewardProperties, UnaryOperator<LedgerConnection> wrap, LedgerConnection existing) {
        this.rewardProperties = rewardProperties;
        if (existing != null) {
            clock = MutableClock.followingRealTime();
            base = existing;
        } else if (TestLedger.onFabric()) {
            clock = MutableClock.followingRealTime();
            base = TestLedger.fresh();
        } else {
            clock = new MutableClock(START);
            base = EmbeddedLedger.builder().clock(clock).open();
        }
        ledger = wrap.apply(base);
        graph = GraphTestSupport.fresh(RewardPolicy.defaultPolicy());
        driver = graph.driver();
        policies = new LedgerPolicyCatalog(new LedgerClient(ledger));
        policies.refreshCurrent();
        wallets = WalletWiring.projection(driver);
        channels = new ChannelProjection(driver, wallets);
        wallet = WalletWiring.service(ledger, wallets, policies);
        money = new MoneyLedger(new LedgerClient(ledger));
        rewards = RewardWiring.create(driver, ledger, policies, wallets, rewardProperties, clock, meters, "instance-a");
    }

    /** @return a rig over a ledger others have written (an existing Fabric channel), with an empty graph */
    public static PoxRig over(LedgerConnection existing) {
        return new PoxRig(RewardProperties.defaults(), UnaryOperator.identity(), existing);
    }

    /** @return a rig over a fresh ledger and an empty graph */
    public static PoxRig start(RewardProperties rewardProperties) {
        return new PoxRig(rewardProperties, UnaryOperator.identity());
    }

    /** @return a rig whose services talk to the ledger through {@code wrap} */
    public static PoxRig start(RewardProperties rewardProperties, UnaryOperator<LedgerConnection> wrap) {
        return new PoxRig(rewardProperties, wrap);
    }

    /** Registers a genesis member (VERIFIED) on the ledger and projects it. */
    /**
     * The first cycle's tree of the reward tests: g -> a -> b -> c (a chain) and h -> h1, h2, h3 (a star). Under the
     * default policy it pays g 12500 (1 + 0.2 + 0.05 events weighted), a 12000, b 10000, h 37500 (level 2: 10000 x
     * 1.25 x 3) and c nothing: 72000 in all.
     */
    public void chainAndStar() {
        genesis("g");
        join("a", "g");
        join("b", "a");
        join("c", "b");
        genesis("h");
        join("h1", "h");
        join("h2", "h");
        join("h3", "h");
    }

    public Member genesis(String memberId) {
        return project(submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, accountHash(memberId)));
    }

    /** Registers a member under its recommender, verifies it (so it may recommend in turn) and projects it. */
    public Member join(String memberId, String recommenderId) {
        joinUnverified(memberId, recommenderId);
        tick(Duration.ofMillis(1));
        return project(submit(Transaction.VERIFY_MEMBER.wireName(), memberId));
    }

    /** Registers a member (ACTIVE) under its recommender and projects it. */
    public Member joinUnverified(String memberId, String recommenderId) {
        tick(Duration.ofSeconds(1));
        return project(submit(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash(memberId), recommenderId));
    }

    /** Registers a member on the ledger only: the graph does not see it until an event listener projects it. */
    public LedgerResult joinOnLedgerOnly(String memberId, String recommenderId) {
        tick(Duration.ofSeconds(1));
        return submit(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash(memberId), recommenderId);
    }

    public Member suspend(String memberId) {
        tick(Duration.ofMillis(1));
        return project(submit(Transaction.SUSPEND_MEMBER.wireName(), memberId, "test hold"));
    }

    public Member reinstate(String memberId) {
        tick(Duration.ofMillis(1));
        return project(submit(Transaction.REINSTATE_MEMBER.wireName(), memberId));
    }

    /** Submits on the ledger directly, not through the wrapper. */
    public LedgerResult submit(String transaction, String... args) {
        return base.submit(transaction, args);
    }

    /**
     * Every chaincode event so far, in commit order.
     *
     * <p>Each PoX transaction emits one event, so on Fabric the events are complete once one of the newest block is
     * read.
     */
    public List<LedgerEvent> events() {
        if (base instanceof EmbeddedLedger embedded) {
            return embedded.worldState().events();
        }
        long last = base.lastBlock();
        List<LedgerEvent> events = new ArrayList<>();
        try (LedgerEventStream stream = base.events(0)) {
            while (events.isEmpty() || events.getLast().blockNumber() < last) {
                events.add(stream.next());
            }
        }
        return events;
    }

    /** Spaces transactions apart on the embedded ledger's clock; on Fabric real time does. */
    private void tick(Duration by) {
        if (!TestLedger.onFabric()) {
            clock.advance(by);
        }
    }

    /** @return the member's balance on the ledger */
    public long balance(String memberId) {
        return money.balance(memberId);
    }

    /** @return the ledger's height: the block of the last committed transaction, whoever submitted it */
    public long lastBlock() {
        return base.lastBlock();
    }

    public static String accountHash(String memberId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(("test:" + memberId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Member project(LedgerResult result) {
        Member member = LedgerPayloads.read(result.payload(), Member.class);
        graph.projection().project(member);
        return member;
    }

    @Override
    public void close() {
        base.close();
    }
}
