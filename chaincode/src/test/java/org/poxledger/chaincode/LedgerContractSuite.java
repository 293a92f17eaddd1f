package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEvent;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;
import org.poxledger.payword.PaywordChain;

/**
 * The wire contract of {@code docs/ledger-wire.md}, scenario by scenario, against any {@link LedgerConnection}: the
 * embedded ledger ({@code EmbeddedLedgerContractTest}) and the real Fabric network run the same suite, so the two
 * cannot drift.
 *
 * <p>It only uses the port ({@code submit}, {@code evaluate}, {@code events}) and fresh random ids, so it can run on a
 * shared, long-lived ledger. Two things are global there: the policy version (tests publish the current rules again
 * under the next version, so the effective rules never change) and the total supply (asserted as a difference, which
 * assumes nobody else mints while a test runs).
 *
 * <p>Test methods are public so subclasses in other packages inherit them plainly.
 */
public abstract class LedgerContractSuite {

    /** @return a connection as the platform operator (PlatformOrgMSP, OU admin or pox.role=operator) */
    protected abstract LedgerConnection operatorConnection();

    /** @return a connection as an identity of another organisation (an AuditorOrgMSP client) */
    protected abstract LedgerConnection foreignConnection();

    protected static final String DEFAULT_POLICY = """
            {"baseRewardUnits":10000,"currency":{"decimals":2,"symbol":"PXC"},
             "levelWeightBps":[10000,5000,2500],"maxDepth":3,"payoutShareBps":[10000,2000,500],
             "tiers":[{"level":1,"minDirect":0,"minScoreBps":0,"rateBps":10000},
                      {"level":2,"minDirect":2,"minScoreBps":30000,"rateBps":12500},
                      {"level":3,"minDirect":3,"minScoreBps":100000,"rateBps":15000},
                      {"level":4,"minDirect":5,"minScoreBps":300000,"rateBps":20000},
                      {"level":5,"minDirect":10,"minScoreBps":1000000,"rateBps":30000}],"version":1}""";

    private static final long DAY = 86_400_000L;
    private static final long CYCLE_START = 1_700_000_000_000L;
    private static final long CYCLE_END = 1_700_086_400_000L;

    private LedgerDriver operatorDriver;
    private LedgerDriver foreignDriver;

    protected final LedgerDriver operator() {
        if (operatorDriver == null || operatorDriver.connection() != operatorConnection()) {
            operatorDriver = new LedgerDriver(operatorConnection());
        }
        return operatorDriver;
    }

    protected final LedgerDriver foreign() {
        if (foreignDriver == null || foreignDriver.connection() != foreignConnection()) {
            foreignDriver = new LedgerDriver(foreignConnection());
        }
        return foreignDriver;
    }

    // ---------------------------------------------------------------- members

    @Test
    public void registers_a_genesis_member_as_verified_and_announces_it() {
        final String memberId = Fresh.id("g");
        final String accountHash = Fresh.accountHash();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult result =
                operator().submitResult(Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, accountHash);
        final List<LedgerEvent> events = EventWindow.of(window.close(), result);

        final JsonNode member = LedgerDriver.parse(result.payload());
        assertThat(fieldNames(member))
                .containsExactly(
                        "accountHash", "memberId", "registeredAt", "registeredTxId", "status", "statusChangedAt");
        assertThat(member.get("memberId").asText()).isEqualTo(memberId);
        assertThat(member.get("accountHash").asText()).isEqualTo(accountHash);
        assertThat(member.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(member.get("registeredTxId").asText()).isEqualTo(result.transactionId());
        assertThat(member.get("registeredAt").isIntegralNumber()).isTrue();
        assertThat(member.get("registeredAt").asLong())
                .isPositive()
                .isEqualTo(member.get("statusChangedAt").asLong());
        assertThat(operator().evaluate(Transaction.GET_MEMBER.wireName(), memberId))
                .isEqualTo(member);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("MemberRegistered");
            assertThat(event.payloadText()).isEqualTo(result.payloadText());
        });
    }

    @Test
    public void registers_a_member_under_a_verified_recommender_as_active() {
        final String genesis = genesis();
        final String memberId = Fresh.id("m");
        final String accountHash = Fresh.accountHash();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult result =
                operator().submitResult(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, genesis);
        final List<LedgerEvent> events = EventWindow.of(window.close(), result);

        final JsonNode member = LedgerDriver.parse(result.payload());
        assertThat(fieldNames(member))
                .containsExactly(
                        "accountHash",
                        "memberId",
                        "recommenderId",
                        "registeredAt",
                        "registeredTxId",
                        "status",
                        "statusChangedAt");
        assertThat(member.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(member.get("recommenderId").asText()).isEqualTo(genesis);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("MemberRegistered");
            assertThat(event.payloadText()).isEqualTo(result.payloadText());
        });
    }

    @Test
    public void repeating_the_exact_registration_returns_the_stored_member_without_an_event() {
        final String genesis = Fresh.id("g");
        final String genesisHash = Fresh.accountHash();
        final JsonNode storedGenesis =
                operator().submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), genesis, genesisHash);
        final String memberId = Fresh.id("m");
        final String accountHash = Fresh.accountHash();
        final JsonNode stored =
                operator().submit(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, genesis);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult again =
                operator().submitResult(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, genesis);
        final LedgerResult genesisAgain =
                operator().submitResult(Transaction.REGISTER_GENESIS_MEMBER.wireName(), genesis, genesisHash);
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(again.payload())).isEqualTo(stored);
        assertThat(LedgerDriver.parse(genesisAgain.payload())).isEqualTo(storedGenesis);
        assertThat(EventWindow.mentioning(events, memberId, genesis)).isEmpty();
    }

    @Test
    public void refuses_to_register_a_member_id_again_with_another_account_or_recommender() {
        final String genesis = genesis();
        final String otherGenesis = genesis();
        final String memberId = Fresh.id("m");
        final String accountHash = Fresh.accountHash();
        final JsonNode stored =
                operator().submit(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, genesis);

        final LedgerException otherRecommender = operator()
                .refusedSubmit(
                        "MEMBER_EXISTS", Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, otherGenesis);
        operator()
                .refusedSubmit(
                        "MEMBER_EXISTS",
                        Transaction.REGISTER_MEMBER.wireName(),
                        memberId,
                        Fresh.accountHash(),
                        genesis);
        operator()
                .refusedSubmit("MEMBER_EXISTS", Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, accountHash);
        operator()
                .refusedSubmit(
                        "MEMBER_EXISTS", Transaction.REGISTER_GENESIS_MEMBER.wireName(), genesis, Fresh.accountHash());

        assertThat(otherRecommender.getMessage()).contains(memberId);
        assertThat(operator().evaluate(Transaction.GET_MEMBER.wireName(), memberId))
                .isEqualTo(stored);
        assertThat(recommendees(otherGenesis)).isEmpty();
    }

    @Test
    public void rejects_a_recommender_who_is_not_verified() {
        final String genesis = genesis();
        final String active = member(genesis);
        final String suspended = verifiedMember(genesis);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), suspended, "fraud check");
        final String newcomer = Fresh.id("m");

        final LedgerException byActive = operator()
                .refusedSubmit(
                        "RECOMMENDER_NOT_VERIFIED",
                        Transaction.REGISTER_MEMBER.wireName(),
                        newcomer,
                        Fresh.accountHash(),
                        active);
        operator()
                .refusedSubmit(
                        "RECOMMENDER_NOT_VERIFIED",
                        Transaction.REGISTER_MEMBER.wireName(),
                        newcomer,
                        Fresh.accountHash(),
                        suspended);

        assertThat(byActive.getMessage()).contains(active).contains("ACTIVE");
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), newcomer);
        assertThat(recommendees(active)).isEmpty();
        assertThat(recommendees(suspended)).isEmpty();
    }

    @Test
    public void rejects_an_unknown_recommender_and_self_referral() {
        final String newcomer = Fresh.id("m");
        final String unknown = Fresh.id("nobody");

        final LedgerException notFound = operator()
                .refusedSubmit(
                        "RECOMMENDER_NOT_FOUND",
                        Transaction.REGISTER_MEMBER.wireName(),
                        newcomer,
                        Fresh.accountHash(),
                        unknown);
        operator()
                .refusedSubmit(
                        "SELF_REFERRAL",
                        Transaction.REGISTER_MEMBER.wireName(),
                        newcomer,
                        Fresh.accountHash(),
                        newcomer);

        assertThat(notFound.getMessage()).contains(unknown);
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), newcomer);
    }

    @Test
    public void rejects_an_account_hash_already_registered_to_another_member() {
        final String genesis = genesis();
        final String accountHash = Fresh.accountHash();
        member(genesis, accountHash);
        final String second = Fresh.id("m");
        final String secondGenesis = Fresh.id("g");

        operator()
                .refusedSubmit(
                        "ACCOUNT_ALREADY_REGISTERED",
                        Transaction.REGISTER_MEMBER.wireName(),
                        second,
                        accountHash,
                        genesis);
        operator()
                .refusedSubmit(
                        "ACCOUNT_ALREADY_REGISTERED",
                        Transaction.REGISTER_GENESIS_MEMBER.wireName(),
                        secondGenesis,
                        accountHash);

        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), second);
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), secondGenesis);
    }

    @Test
    public void verifies_an_active_member_once_and_verifying_again_changes_nothing() {
        final String memberId = member(genesis());
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult verified = operator().submitResult(Transaction.VERIFY_MEMBER.wireName(), memberId);
        final LedgerResult again = operator().submitResult(Transaction.VERIFY_MEMBER.wireName(), memberId);
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(verified.payload()).get("status").asText())
                .isEqualTo("VERIFIED");
        assertThat(again.payloadText()).isEqualTo(verified.payloadText());
        assertThat(EventWindow.of(events, verified)).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("MemberVerified");
            assertThat(event.payloadText()).isEqualTo(verified.payloadText());
        });
        assertThat(EventWindow.of(events, again)).isEmpty();
    }

    @Test
    public void suspends_with_a_reason_and_reinstates_to_the_status_before_the_suspension() {
        final String genesis = genesis();
        final String active = member(genesis);
        final String verified = verifiedMember(genesis);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult suspendActive =
                operator().submitResult(Transaction.SUSPEND_MEMBER.wireName(), active, "chargeback");
        final LedgerResult suspendVerified =
                operator().submitResult(Transaction.SUSPEND_MEMBER.wireName(), verified, "duplicate");
        final LedgerResult reinstateActive = operator().submitResult(Transaction.REINSTATE_MEMBER.wireName(), active);
        final LedgerResult reinstateVerified =
                operator().submitResult(Transaction.REINSTATE_MEMBER.wireName(), verified);
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(suspendActive.payload()).get("status").asText())
                .isEqualTo("SUSPENDED");
        assertThat(LedgerDriver.parse(reinstateActive.payload()).get("status").asText())
                .isEqualTo("ACTIVE");
        assertThat(LedgerDriver.parse(reinstateVerified.payload()).get("status").asText())
                .isEqualTo("VERIFIED");
        assertThat(EventWindow.of(events, suspendVerified)).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("MemberSuspended");
            final ObjectNode expected = (ObjectNode) LedgerDriver.parse(suspendVerified.payload());
            expected.put("reason", "duplicate");
            assertThat(LedgerDriver.parse(event.payload())).isEqualTo(expected);
            assertThat(fieldNames(LedgerDriver.parse(event.payload()))).isSorted();
        });
        assertThat(EventWindow.of(events, reinstateVerified)).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("MemberReinstated");
            assertThat(event.payloadText()).isEqualTo(reinstateVerified.payloadText());
        });
        assertThat(operator()
                        .evaluate(Transaction.GET_MEMBER.wireName(), verified)
                        .get("status")
                        .asText())
                .isEqualTo("VERIFIED");
    }

    @Test
    public void refuses_status_transitions_the_lifecycle_does_not_allow() {
        final String genesis = genesis();
        final String active = member(genesis);
        final String suspended = verifiedMember(genesis);
        final JsonNode suspendedState = operator().submit(Transaction.SUSPEND_MEMBER.wireName(), suspended, "hold");

        operator().refusedSubmit("INVALID_STATUS_TRANSITION", Transaction.VERIFY_MEMBER.wireName(), suspended);
        operator()
                .refusedSubmit("INVALID_STATUS_TRANSITION", Transaction.SUSPEND_MEMBER.wireName(), suspended, "again");
        operator().refusedSubmit("INVALID_STATUS_TRANSITION", Transaction.REINSTATE_MEMBER.wireName(), active);

        assertThat(operator().evaluate(Transaction.GET_MEMBER.wireName(), suspended))
                .isEqualTo(suspendedState);
        assertThat(operator()
                        .evaluate(Transaction.GET_MEMBER.wireName(), active)
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    public void a_reinstated_verified_member_may_recommend_again() {
        final String recommender = verifiedMember(genesis());
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), recommender, "review");
        operator()
                .refusedSubmit(
                        "RECOMMENDER_NOT_VERIFIED",
                        Transaction.REGISTER_MEMBER.wireName(),
                        Fresh.id("m"),
                        Fresh.accountHash(),
                        recommender);
        operator().submit(Transaction.REINSTATE_MEMBER.wireName(), recommender);

        final String recommended = member(recommender);

        assertThat(operator()
                        .evaluate(Transaction.GET_MEMBER.wireName(), recommended)
                        .get("recommenderId")
                        .asText())
                .isEqualTo(recommender);
    }

    @Test
    public void lists_recommendees_page_by_page() {
        final String genesis = genesis();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(member(genesis));
        }

        final JsonNode first = operator().evaluate(Transaction.LIST_RECOMMENDEES.wireName(), genesis, "2", "");
        final List<JsonNode> all = pages(Transaction.LIST_RECOMMENDEES.wireName(), genesis, 2);

        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("bookmark").asText()).isNotEmpty();
        assertThat(all).extracting(m -> m.get("memberId").asText()).containsExactlyElementsOf(sorted(expected));
        assertThat(all)
                .allSatisfy(m -> assertThat(m.get("recommenderId").asText()).isEqualTo(genesis));
        assertThat(recommendees(member(genesis))).isEmpty();
    }

    @Test
    public void every_member_keeps_its_recommender_and_reaches_a_genesis_member() {
        final String genesis = genesis();
        final String a = verifiedMember(genesis);
        final String b = verifiedMember(a);
        final String c = member(b);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), b, "check");
        operator().submit(Transaction.REINSTATE_MEMBER.wireName(), b);
        operator().refusedSubmit("MEMBER_EXISTS", Transaction.REGISTER_MEMBER.wireName(), c, Fresh.accountHash(), a);

        final List<String> path = new ArrayList<>();
        String current = c;
        while (current != null) {
            path.add(current);
            final JsonNode member = operator().evaluate(Transaction.GET_MEMBER.wireName(), current);
            current = member.has("recommenderId") ? member.get("recommenderId").asText() : null;
            assertThat(path).hasSizeLessThan(10);
        }

        assertThat(path).containsExactly(c, b, a, genesis);
        assertThat(recommendees(b)).extracting(m -> m.get("memberId").asText()).containsExactly(c);
        assertThat(recommendees(a)).extracting(m -> m.get("memberId").asText()).containsExactly(b);
    }

    @Test
    public void unknown_members_are_not_found_wherever_they_are_named() {
        final String unknown = Fresh.id("nobody");

        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), unknown);
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.LIST_RECOMMENDEES.wireName(), unknown, "10", "");
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_BALANCE.wireName(), unknown);
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_TRANSFER_HISTORY.wireName(), unknown, "10", "");
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_REWARD_HISTORY.wireName(), unknown, "10", "");
        operator().refusedSubmit("MEMBER_NOT_FOUND", Transaction.VERIFY_MEMBER.wireName(), unknown);
        operator().refusedSubmit("MEMBER_NOT_FOUND", Transaction.SUSPEND_MEMBER.wireName(), unknown, "reason");
        operator().refusedSubmit("MEMBER_NOT_FOUND", Transaction.REINSTATE_MEMBER.wireName(), unknown);
        final LedgerException transfer = operator()
                .refusedSubmit(
                        "MEMBER_NOT_FOUND",
                        Transaction.TRANSFER.wireName(),
                        Fresh.id("t"),
                        unknown,
                        genesis(),
                        "1",
                        "");

        assertThat(transfer.getMessage()).contains(unknown);
    }

    // ---------------------------------------------------------------- policies

    @Test
    public void publishes_the_next_policy_version_with_the_hash_of_its_canonical_json() {
        final JsonNode current = currentPolicy();
        final int next = current.get("version").asInt() + 1;
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult published =
                operator().submitResult(Transaction.PUBLISH_POLICY.wireName(), policyJson(current.get("policy"), next));
        final List<LedgerEvent> events = EventWindow.of(window.close(), published);

        final JsonNode record = LedgerDriver.parse(published.payload());
        assertThat(fieldNames(record))
                .containsExactly("contentHash", "policy", "publishedAt", "publishedTxId", "version");
        assertThat(record.get("version").asInt()).isEqualTo(next);
        assertThat(record.get("policy").get("version").asInt()).isEqualTo(next);
        assertThat(record.get("publishedTxId").asText()).isEqualTo(published.transactionId());
        assertThat(fieldNames(record.get("policy"))).isSorted();
        assertThat(record.get("contentHash").asText()).isEqualTo(sha256Hex(LedgerDriver.text(record.get("policy"))));
        assertThat(operator().evaluate(Transaction.GET_CURRENT_POLICY.wireName()))
                .isEqualTo(record);
        assertThat(operator().evaluate(Transaction.GET_POLICY.wireName(), String.valueOf(next)))
                .isEqualTo(record);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("PolicyPublished");
            assertThat(event.payloadText()).isEqualTo(published.payloadText());
        });
    }

    @Test
    public void republishing_a_version_with_the_same_content_returns_the_stored_record_without_an_event() {
        final JsonNode current = currentPolicy();
        final int version = current.get("version").asInt();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult again = operator()
                .submitResult(Transaction.PUBLISH_POLICY.wireName(), policyJson(current.get("policy"), version));
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(again.payload())).isEqualTo(current);
        assertThat(EventWindow.of(events, again)).isEmpty();
    }

    @Test
    public void refuses_a_version_that_is_not_the_next_or_that_exists_with_other_content() {
        final JsonNode current = currentPolicy();
        final int version = current.get("version").asInt();
        final ObjectNode changed = current.get("policy").deepCopy();
        changed.put("baseRewardUnits", changed.get("baseRewardUnits").asLong() + 1);

        final LedgerException skipped = operator()
                .refusedSubmit(
                        "POLICY_VERSION_CONFLICT",
                        Transaction.PUBLISH_POLICY.wireName(),
                        policyJson(current.get("policy"), version + 2));
        operator()
                .refusedSubmit(
                        "POLICY_VERSION_CONFLICT", Transaction.PUBLISH_POLICY.wireName(), policyJson(changed, version));

        assertThat(skipped.getMessage()).contains(String.valueOf(version + 2));
        assertThat(operator().evaluate(Transaction.GET_CURRENT_POLICY.wireName()))
                .isEqualTo(current);
        operator().refusedEvaluate("POLICY_NOT_FOUND", Transaction.GET_POLICY.wireName(), String.valueOf(version + 2));
    }

    @Test
    public void refuses_a_policy_that_breaks_a_rule_or_is_not_a_policy() {
        final JsonNode current = currentPolicy();
        final int next = current.get("version").asInt() + 1;
        final ObjectNode deep = current.get("policy").deepCopy();
        deep.put("maxDepth", 11);
        final ObjectNode noTiers = current.get("policy").deepCopy();
        noTiers.remove("tiers");

        final LedgerException tooDeep = operator()
                .refusedSubmit("POLICY_INVALID", Transaction.PUBLISH_POLICY.wireName(), policyJson(deep, next));
        final LedgerException missing = operator()
                .refusedSubmit("MALFORMED_JSON", Transaction.PUBLISH_POLICY.wireName(), policyJson(noTiers, next));
        operator().refusedSubmit("MALFORMED_JSON", Transaction.PUBLISH_POLICY.wireName(), "{\"version\":");

        assertThat(tooDeep.getMessage()).contains("maxDepth");
        assertThat(missing.getMessage()).contains("tiers");
        assertThat(operator().evaluate(Transaction.GET_CURRENT_POLICY.wireName()))
                .isEqualTo(current);
    }

    // ---------------------------------------------------------------- rewards

    @Test
    public void pays_a_chunk_credits_members_and_records_the_cycle() {
        final String genesis = genesis();
        final String a = member(genesis);
        final String b = member(genesis);
        final String zero = member(genesis);
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        final String root = Fresh.accountHash();
        final long supplyBefore = totalSupply();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult paid = operator()
                .submitResult(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(
                                cycleId,
                                policy,
                                root,
                                4,
                                entry(policy, a, 1000),
                                entry(policy, b, 250),
                                entry(policy, zero, 0)));
        final List<LedgerEvent> events = EventWindow.of(window.close(), paid);

        final JsonNode receipt = LedgerDriver.parse(paid.payload());
        assertThat(fieldNames(receipt))
                .containsExactly("amountHeld", "amountPaid", "cycleId", "held", "paid", "skipped");
        assertThat(receipt.get("amountPaid").asLong()).isEqualTo(1250);
        assertThat(receipt.get("amountHeld").asLong()).isZero();
        assertThat(texts(receipt.get("paid"))).containsExactly(a, b, zero);
        assertThat(receipt.get("held")).isEmpty();
        assertThat(receipt.get("skipped")).isEmpty();
        assertThat(balance(a)).isEqualTo(1000);
        assertThat(balance(b)).isEqualTo(250);
        assertThat(balance(zero)).isZero();
        assertThat(totalSupply() - supplyBefore).isEqualTo(1250);

        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(fieldNames(cycle))
                .containsExactly(
                        "chunkStarts",
                        "cycleEnd",
                        "cycleId",
                        "cycleStart",
                        "entriesRecorded",
                        "entryCount",
                        "merkleRoot",
                        "policyVersion",
                        "totalForfeited",
                        "totalHeld",
                        "totalPaid",
                        "totalReleased");
        assertThat(cycle.get("entryCount").asInt()).isEqualTo(4);
        assertThat(cycle.get("entriesRecorded").asInt()).isEqualTo(3);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(1250);
        assertThat(cycle.get("merkleRoot").asText()).isEqualTo(root);
        assertThat(cycle.get("policyVersion").asInt())
                .isEqualTo(policy.get("version").asInt());

        final JsonNode entryOfA = operator().evaluate(Transaction.GET_REWARD_ENTRY.wireName(), cycleId, a);
        assertThat(fieldNames(entryOfA))
                .containsExactly(
                        "amount",
                        "cycleId",
                        "events",
                        "level",
                        "memberId",
                        "paidTxId",
                        "rateBps",
                        "scoreBps",
                        "status");
        assertThat(entryOfA.get("status").asText()).isEqualTo("PAID");
        assertThat(entryOfA.get("paidTxId").asText()).isEqualTo(paid.transactionId());
        assertThat(operator()
                        .evaluate(Transaction.GET_REWARD_ENTRY.wireName(), cycleId, zero)
                        .get("status")
                        .asText())
                .isEqualTo("PAID");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("RewardChunkPaid");
            final JsonNode payload = LedgerDriver.parse(event.payload());
            assertThat(fieldNames(payload)).containsExactly("cycleId", "entries", "merkleRoot", "policyVersion");
            assertThat(payload.get("entries")).hasSize(3);
            assertThat(payload.get("entries").get(0)).isEqualTo(entryOfA);
            assertThat(payload.get("merkleRoot").asText()).isEqualTo(root);
        });
    }

    @Test
    public void a_repeated_chunk_pays_nobody_twice() {
        final String genesis = genesis();
        final String a = member(genesis);
        final JsonNode policy = currentPolicy();
        final String chunk = chunk(Fresh.id("c"), policy, Fresh.accountHash(), 1, entry(policy, a, 500));
        operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        final long supplyBefore = totalSupply();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult again = operator().submitResult(Transaction.PAY_REWARD_CHUNK.wireName(), chunk);
        final List<LedgerEvent> events = window.close();

        final JsonNode receipt = LedgerDriver.parse(again.payload());
        assertThat(texts(receipt.get("skipped"))).containsExactly(a);
        assertThat(receipt.get("paid")).isEmpty();
        assertThat(receipt.get("amountPaid").asLong()).isZero();
        assertThat(balance(a)).isEqualTo(500);
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        assertThat(EventWindow.of(events, again)).isEmpty();
    }

    @Test
    public void a_chunk_holds_only_members_of_its_range_and_is_recorded_once() {
        final String genesis = genesis();
        final List<ObjectNode> entries = new ArrayList<>();
        final JsonNode policy = currentPolicy();
        for (int i = 0; i < 3; i++) {
            entries.add(entry(policy, member(genesis), 0));
        }
        final List<ObjectNode> sorted = byMember(entries);
        for (int i = 0; i < sorted.size(); i++) {
            sorted.get(i).put("amount", 100L * (i + 1));
        }
        final String a = sorted.get(0).get("memberId").asText();
        final String b = sorted.get(1).get("memberId").asText();
        final String c = sorted.get(2).get("memberId").asText();
        final String cycleId = Fresh.id("c");
        final String root = Fresh.accountHash();
        final List<String> starts = List.of("", b);
        final long supplyBefore = totalSupply();
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, 0, starts, sorted.get(0)));
        final JsonNode second = operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, 1, starts, sorted.get(1), sorted.get(2)));
        final JsonNode before = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);

        final LedgerException outside = operator()
                .refusedSubmit(
                        "REWARD_ENTRY_INVALID",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, 0, starts, sorted.get(0), sorted.get(1)));
        final LedgerException otherEntries = operator()
                .refusedSubmit(
                        "CYCLE_MISMATCH",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, 1, starts, sorted.get(1)));
        operator()
                .refusedSubmit(
                        "CYCLE_MISMATCH",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, 0, List.of("", c), sorted.get(0)));

        assertThat(texts(second.get("paid"))).containsExactly(b, c);
        assertThat(outside.getMessage()).contains(b).contains("outside chunk 0");
        assertThat(otherEntries.getMessage()).contains("chunk 1 of cycle " + cycleId);
        assertThat(List.of(balance(a), balance(b), balance(c))).containsExactly(100L, 200L, 300L);
        assertThat(operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId))
                .isEqualTo(before);
        assertThat(before.get("entriesRecorded").asInt()).isEqualTo(3);
        assertThat(before.get("totalPaid").asLong()).isEqualTo(600);
        assertThat(texts(before.get("chunkStarts"))).containsExactly("", b);
        assertThat(totalSupply() - supplyBefore).isEqualTo(600);
        assertThat(operator()
                        .evaluate(Transaction.GET_REWARD_ENTRY.wireName(), cycleId, c)
                        .get("amount")
                        .asLong())
                .isEqualTo(300);
    }

    @Test
    public void holds_the_reward_of_a_suspended_member_until_it_is_released() {
        final String genesis = genesis();
        final String held = verifiedMember(genesis);
        final String paid = member(genesis);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), held, "fraud hold");
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        final long supplyBefore = totalSupply();

        final JsonNode receipt = operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(
                                cycleId,
                                policy,
                                Fresh.accountHash(),
                                2,
                                entry(policy, held, 700),
                                entry(policy, paid, 50)));

        assertThat(texts(receipt.get("held"))).containsExactly(held);
        assertThat(receipt.get("amountHeld").asLong()).isEqualTo(700);
        assertThat(receipt.get("amountPaid").asLong()).isEqualTo(50);
        assertThat(balance(held)).isZero();
        assertThat(operator()
                        .evaluate(Transaction.GET_REWARD_ENTRY.wireName(), cycleId, held)
                        .get("status")
                        .asText())
                .isEqualTo("HELD");
        assertThat(operator()
                        .evaluate(Transaction.GET_CYCLE.wireName(), cycleId)
                        .get("totalHeld")
                        .asLong())
                .isEqualTo(700);
        assertThat(totalSupply() - supplyBefore).isEqualTo(50);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult released = operator().submitResult(Transaction.RELEASE_HOLD.wireName(), cycleId, held);
        final List<LedgerEvent> events = EventWindow.of(window.close(), released);

        final JsonNode entry = LedgerDriver.parse(released.payload());
        assertThat(entry.get("status").asText()).isEqualTo("RELEASED");
        assertThat(entry.get("amount").asLong()).isEqualTo(700);
        assertThat(balance(held)).isEqualTo(700);
        assertThat(totalSupply() - supplyBefore).isEqualTo(750);
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle.get("totalHeld").asLong()).isZero();
        assertThat(cycle.get("totalReleased").asLong()).isEqualTo(700);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(50);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("RewardHoldReleased");
            assertThat(event.payloadText()).isEqualTo(released.payloadText());
        });
        operator().refusedSubmit("HOLD_NOT_FOUND", Transaction.RELEASE_HOLD.wireName(), cycleId, held);
        operator().refusedSubmit("HOLD_NOT_FOUND", Transaction.FORFEIT_HOLD.wireName(), cycleId, held);
    }

    @Test
    public void forfeits_a_held_reward_without_minting_it() {
        final String held = verifiedMember(genesis());
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), held, "fraud");
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 1, entry(policy, held, 900)));
        final long supplyBefore = totalSupply();
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult forfeited = operator().submitResult(Transaction.FORFEIT_HOLD.wireName(), cycleId, held);
        final List<LedgerEvent> events = EventWindow.of(window.close(), forfeited);

        assertThat(LedgerDriver.parse(forfeited.payload()).get("status").asText())
                .isEqualTo("FORFEITED");
        assertThat(balance(held)).isZero();
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle.get("totalHeld").asLong()).isZero();
        assertThat(cycle.get("totalForfeited").asLong()).isEqualTo(900);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("RewardHoldForfeited");
            assertThat(event.payloadText()).isEqualTo(forfeited.payloadText());
        });
        operator().refusedSubmit("HOLD_NOT_FOUND", Transaction.RELEASE_HOLD.wireName(), cycleId, held);
    }

    @Test
    public void refuses_holds_that_do_not_exist() {
        final String genesis = genesis();
        final String paidMember = member(genesis);
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 2, entry(policy, paidMember, 10)));

        operator().refusedSubmit("HOLD_NOT_FOUND", Transaction.RELEASE_HOLD.wireName(), cycleId, paidMember);
        operator().refusedSubmit("HOLD_NOT_FOUND", Transaction.FORFEIT_HOLD.wireName(), cycleId, genesis);
        operator().refusedSubmit("CYCLE_NOT_FOUND", Transaction.RELEASE_HOLD.wireName(), Fresh.id("c"), paidMember);
        operator().refusedEvaluate("CYCLE_NOT_FOUND", Transaction.GET_CYCLE.wireName(), Fresh.id("c"));
        operator().refusedEvaluate("REWARD_ENTRY_NOT_FOUND", Transaction.GET_REWARD_ENTRY.wireName(), cycleId, genesis);

        assertThat(balance(paidMember)).isEqualTo(10);
    }

    @Test
    public void refuses_a_chunk_that_describes_its_cycle_differently() {
        final String genesis = genesis();
        final String a = member(genesis);
        final String b = member(genesis);
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        final String root = Fresh.accountHash();
        operator()
                .submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk(cycleId, policy, root, 2, entry(policy, a, 10)));
        final JsonNode before = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);

        final LedgerException otherRoot = operator()
                .refusedSubmit(
                        "CYCLE_MISMATCH",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 2, entry(policy, b, 10)));
        operator()
                .refusedSubmit(
                        "CYCLE_MISMATCH",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, entry(policy, b, 10)));
        final ObjectNode otherEnd = (ObjectNode) LedgerDriver.parse(
                chunk(cycleId, policy, root, 2, entry(policy, b, 10)).getBytes(StandardCharsets.UTF_8));
        otherEnd.put("cycleEnd", CYCLE_END + 1);
        operator()
                .refusedSubmit("CYCLE_MISMATCH", Transaction.PAY_REWARD_CHUNK.wireName(), LedgerDriver.text(otherEnd));

        assertThat(otherRoot.getMessage()).contains(cycleId).contains("merkleRoot");
        assertThat(operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId))
                .isEqualTo(before);
        assertThat(balance(b)).isZero();
    }

    @Test
    public void refuses_a_whole_chunk_when_one_entry_is_unknown_or_invalid() {
        final String genesis = genesis();
        final String a = member(genesis);
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("c");
        final String unknown = Fresh.id("nobody");
        final ObjectNode wrongRate = entry(policy, a, 10);
        wrongRate.put("rateBps", wrongRate.get("rateBps").asInt() + 1);
        final ObjectNode unknownLevel = entry(policy, a, 10);
        unknownLevel.put("level", policy.get("policy").get("tiers").size() + 1);
        final ObjectNode negative = entry(policy, a, -10);

        final LedgerException notFound = operator()
                .refusedSubmit(
                        "MEMBER_NOT_FOUND",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(
                                cycleId,
                                policy,
                                Fresh.accountHash(),
                                2,
                                entry(policy, a, 10),
                                entry(policy, unknown, 10)));
        operator()
                .refusedSubmit(
                        "REWARD_ENTRY_INVALID",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 2, entry(policy, a, 10), entry(policy, a, 10)));
        operator()
                .refusedSubmit(
                        "REWARD_ENTRY_INVALID",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 1, wrongRate));
        operator()
                .refusedSubmit(
                        "REWARD_ENTRY_INVALID",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 1, unknownLevel));
        operator()
                .refusedSubmit(
                        "REWARD_ENTRY_INVALID",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 1, negative));
        final ObjectNode unpublished = policy.deepCopy();
        unpublished.put("version", 1_000_000_000);
        operator()
                .refusedSubmit(
                        "POLICY_NOT_FOUND",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, unpublished, Fresh.accountHash(), 1, entry(policy, a, 10)));

        assertThat(notFound.getMessage()).contains(unknown);
        assertThat(balance(a)).isZero();
        operator().refusedEvaluate("CYCLE_NOT_FOUND", Transaction.GET_CYCLE.wireName(), cycleId);
    }

    @Test
    public void reward_history_lists_a_members_entries_page_by_page() {
        final String a = member(genesis());
        final JsonNode policy = currentPolicy();
        final List<String> cycles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final String cycleId = Fresh.id("c");
            cycles.add(cycleId);
            operator()
                    .submit(
                            Transaction.PAY_REWARD_CHUNK.wireName(),
                            chunk(cycleId, policy, Fresh.accountHash(), 1, entry(policy, a, 10 + i)));
        }

        final List<JsonNode> history = sparsePages(Transaction.GET_REWARD_HISTORY.wireName(), a, 2);

        assertThat(history).extracting(e -> e.get("cycleId").asText()).containsExactlyElementsOf(sorted(cycles));
        assertThat(history)
                .allSatisfy(e -> assertThat(e.get("memberId").asText()).isEqualTo(a));
        assertThat(balance(a)).isEqualTo(33);
    }

    @Test
    public void chunks_of_one_cycle_submitted_in_parallel_all_commit_and_add_up() throws Exception {
        final String genesis = genesis();
        final JsonNode policy = currentPolicy();
        final List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            entries.add(entry(policy, member(genesis), 0));
        }
        final List<ObjectNode> sorted = byMember(entries);
        for (int i = 0; i < sorted.size(); i++) {
            sorted.get(i).put("amount", i + 1);
        }
        final String cycleId = Fresh.id("c");
        final String root = Fresh.accountHash();
        final long supplyBefore = totalSupply();
        final List<String> chunks = new ArrayList<>(chunks(cycleId, policy, root, sorted, 2));
        operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.removeFirst());

        final List<JsonNode> receipts = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(chunks.size())) {
            final List<Future<JsonNode>> sent = new ArrayList<>();
            for (final String chunk : chunks) {
                sent.add(clients.submit(() -> operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk)));
            }
            for (final Future<JsonNode> receipt : sent) {
                receipts.add(receipt.get());
            }
        }

        assertThat(receipts).hasSize(6).allSatisfy(receipt -> {
            assertThat(receipt.get("paid")).hasSizeBetween(1, 2);
            assertThat(receipt.get("skipped")).isEmpty();
        });
        final long total = sorted.size() * (sorted.size() + 1L) / 2;
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle.get("entriesRecorded").asInt()).isEqualTo(sorted.size());
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(total);
        assertThat(totalSupply() - supplyBefore).isEqualTo(total);
        long balances = 0;
        for (int i = 0; i < sorted.size(); i++) {
            final String member = sorted.get(i).get("memberId").asText();
            assertThat(balance(member)).isEqualTo(i + 1);
            balances += balance(member);
        }
        assertThat(balances).isEqualTo(total);
    }

    @Test
    public void sealing_checks_the_count_the_merkle_root_and_the_totals_of_a_cycle() {
        final String genesis = genesis();
        final String held = verifiedMember(genesis);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), held, "fraud hold");
        final JsonNode policy = currentPolicy();
        final List<ObjectNode> entries = new ArrayList<>(List.of(
                entry(policy, member(genesis), 300),
                entry(policy, member(genesis), 0),
                entry(policy, held, 500),
                entry(policy, member(genesis), 200)));
        entries.sort(
                (x, y) -> x.get("memberId").asText().compareTo(y.get("memberId").asText()));
        final String cycleId = Fresh.id("c");
        final String root = merkleRoot(entries);
        final long supplyBefore = totalSupply();
        final List<String> chunks = chunks(cycleId, policy, root, entries, 2);
        operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.get(0));
        final JsonNode partial = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);

        final LedgerException early =
                operator().refusedSubmit("CYCLE_INCOMPLETE", Transaction.SEAL_CYCLE.wireName(), cycleId);
        assertThat(early.getMessage()).contains(cycleId).contains("4").contains("2");
        assertThat(operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId))
                .isEqualTo(partial);

        operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.get(1));
        final JsonNode beforeSeal = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        final EventWindow window = EventWindow.open(operator());
        final LedgerResult sealed = operator().submitResult(Transaction.SEAL_CYCLE.wireName(), cycleId);
        final List<LedgerEvent> events = EventWindow.of(window.close(), sealed);

        final JsonNode seal = LedgerDriver.parse(sealed.payload());
        assertThat(fieldNames(seal))
                .containsExactly("cycleId", "entryCount", "merkleRoot", "sealedAt", "sealedTxId", "totalAmount");
        assertThat(seal.get("cycleId").asText()).isEqualTo(cycleId);
        assertThat(seal.get("entryCount").asInt()).isEqualTo(4);
        assertThat(seal.get("merkleRoot").asText()).isEqualTo(root);
        assertThat(seal.get("totalAmount").asLong()).isEqualTo(1000);
        assertThat(seal.get("sealedTxId").asText()).isEqualTo(sealed.transactionId());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("CycleSealed");
            assertThat(event.payloadText()).isEqualTo(sealed.payloadText());
        });
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle)
                .as("sealing folds the totals, it does not change them")
                .isEqualTo(beforeSeal);
        assertThat(cycle.get("entriesRecorded").asInt()).isEqualTo(4);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(500);
        assertThat(cycle.get("totalHeld").asLong()).isEqualTo(500);
        assertThat(totalSupply() - supplyBefore).isEqualTo(500);

        final EventWindow again = EventWindow.open(operator());
        final LedgerResult resealed = operator().submitResult(Transaction.SEAL_CYCLE.wireName(), cycleId);
        assertThat(LedgerDriver.parse(resealed.payload())).isEqualTo(seal);
        assertThat(EventWindow.of(again.close(), resealed)).isEmpty();
        final JsonNode replay = operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.get(0));
        assertThat(replay.get("skipped")).hasSize(2);
        operator()
                .refusedSubmit(
                        "CYCLE_MISMATCH",
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 4, entry(policy, member(genesis), 10)));

        operator().submit(Transaction.REINSTATE_MEMBER.wireName(), held);
        operator().submit(Transaction.RELEASE_HOLD.wireName(), cycleId, held);
        final JsonNode released = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(released.get("totalHeld").asLong()).isZero();
        assertThat(released.get("totalReleased").asLong()).isEqualTo(500);
        assertThat(balance(held)).isEqualTo(500);
        assertThat(totalSupply() - supplyBefore).isEqualTo(1000);
    }

    @Test
    public void a_cycle_whose_entries_break_its_declared_count_or_root_is_never_sealed() {
        final String genesis = genesis();
        final String a = member(genesis);
        final String b = member(genesis);
        final String c = member(genesis);
        final JsonNode policy = currentPolicy();
        final String wrongRoot = Fresh.id("c");
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(wrongRoot, policy, Fresh.accountHash(), 1, entry(policy, a, 10)));
        final String tooMany = Fresh.id("c");
        final String root = Fresh.accountHash();
        final List<ObjectNode> three =
                byMember(List.of(entry(policy, a, 10), entry(policy, b, 10), entry(policy, c, 10)));
        final List<String> starts = List.of("", three.get(2).get("memberId").asText());
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(tooMany, policy, root, 2, 0, starts, three.get(0), three.get(1)));
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(tooMany, policy, root, 2, 1, starts, three.get(2)));
        final JsonNode before = operator().evaluate(Transaction.GET_CYCLE.wireName(), wrongRoot);
        final long supplyBefore = totalSupply();

        final LedgerException rootRefused =
                operator().refusedSubmit("CYCLE_MISMATCH", Transaction.SEAL_CYCLE.wireName(), wrongRoot);
        final LedgerException countRefused =
                operator().refusedSubmit("CYCLE_MISMATCH", Transaction.SEAL_CYCLE.wireName(), tooMany);

        assertThat(rootRefused.getMessage()).contains(wrongRoot).contains("Merkle root");
        assertThat(countRefused.getMessage())
                .contains(tooMany)
                .contains("declares 2")
                .contains("3 are recorded");
        assertThat(operator().evaluate(Transaction.GET_CYCLE.wireName(), wrongRoot))
                .isEqualTo(before);
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        operator().refusedSubmit("CYCLE_NOT_FOUND", Transaction.SEAL_CYCLE.wireName(), Fresh.id("c"));
        foreign().refusedSubmit("ACCESS_DENIED", Transaction.SEAL_CYCLE.wireName(), wrongRoot);
    }

    @Test
    public void a_cycle_paid_in_parallel_and_replayed_chunks_seals_with_the_root_of_all_its_entries() throws Exception {
        final String genesis = genesis();
        final JsonNode policy = currentPolicy();
        final List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(entry(policy, member(genesis), 10 * (i + 1)));
        }
        final List<ObjectNode> sorted = byMember(entries);
        final String cycleId = Fresh.id("c");
        final String root = merkleRoot(sorted);
        final List<String> chunks = chunks(cycleId, policy, root, sorted, 3);
        operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.getFirst());
        try (ExecutorService clients = Executors.newFixedThreadPool(chunks.size())) {
            final List<Future<JsonNode>> sent = new ArrayList<>();
            for (final String chunk : chunks.subList(1, chunks.size())) {
                sent.add(clients.submit(() -> operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunk)));
            }
            for (final Future<JsonNode> receipt : sent) {
                assertThat(receipt.get().get("skipped")).isEmpty();
            }
        }
        final JsonNode replayed = operator().submit(Transaction.PAY_REWARD_CHUNK.wireName(), chunks.get(2));
        assertThat(replayed.get("skipped")).hasSize(3);
        assertThat(replayed.get("amountPaid").asLong()).isZero();

        final JsonNode seal = operator().submit(Transaction.SEAL_CYCLE.wireName(), cycleId);

        assertThat(seal.get("entryCount").asInt()).isEqualTo(12);
        assertThat(seal.get("merkleRoot").asText()).isEqualTo(root);
        assertThat(seal.get("totalAmount").asLong()).isEqualTo(780);
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle.get("entriesRecorded").asInt()).isEqualTo(12);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(780);
        assertThat(operator().submit(Transaction.SEAL_CYCLE.wireName(), cycleId))
                .isEqualTo(seal);
        final String last = sorted.getLast().get("memberId").asText();
        assertThat(operator()
                        .evaluate(Transaction.GET_REWARD_ENTRY.wireName(), cycleId, last)
                        .get("paidTxId")
                        .asText())
                .isNotEmpty();
    }

    @Test
    public void a_hold_released_or_forfeited_before_the_seal_leaves_the_cycle_root_as_declared() {
        final String genesis = genesis();
        final String released = verifiedMember(genesis);
        final String forfeited = verifiedMember(genesis);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), released, "fraud hold");
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), forfeited, "fraud hold");
        final JsonNode policy = currentPolicy();
        final List<ObjectNode> entries = new ArrayList<>(List.of(
                entry(policy, released, 70), entry(policy, forfeited, 30), entry(policy, member(genesis), 100)));
        entries.sort(
                (x, y) -> x.get("memberId").asText().compareTo(y.get("memberId").asText()));
        final String cycleId = Fresh.id("c");
        final String root = merkleRoot(entries);
        final long supplyBefore = totalSupply();
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, root, 3, entries.toArray(ObjectNode[]::new)));
        operator().submit(Transaction.REINSTATE_MEMBER.wireName(), released);
        operator().submit(Transaction.RELEASE_HOLD.wireName(), cycleId, released);
        operator().submit(Transaction.FORFEIT_HOLD.wireName(), cycleId, forfeited);

        final JsonNode seal = operator().submit(Transaction.SEAL_CYCLE.wireName(), cycleId);

        assertThat(seal.get("merkleRoot").asText()).isEqualTo(root);
        assertThat(seal.get("totalAmount").asLong()).isEqualTo(200);
        final JsonNode cycle = operator().evaluate(Transaction.GET_CYCLE.wireName(), cycleId);
        assertThat(cycle.get("totalPaid").asLong()).isEqualTo(100);
        assertThat(cycle.get("totalReleased").asLong()).isEqualTo(70);
        assertThat(cycle.get("totalForfeited").asLong()).isEqualTo(30);
        assertThat(cycle.get("totalHeld").asLong()).isZero();
        assertThat(totalSupply() - supplyBefore).isEqualTo(170);
    }

    // ---------------------------------------------------------------- money

    @Test
    public void transfers_between_members_and_announces_it() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 1000);
        final long supplyBefore = totalSupply();
        final String transferId = Fresh.id("t");
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult result =
                operator().submitResult(Transaction.TRANSFER.wireName(), transferId, payer, payee, "300", "lunch");
        final List<LedgerEvent> events = EventWindow.of(window.close(), result);

        final JsonNode transfer = LedgerDriver.parse(result.payload());
        assertThat(fieldNames(transfer))
                .containsExactly("amount", "fromMemberId", "memo", "timestamp", "toMemberId", "transferId", "txId");
        assertThat(transfer.get("amount").asLong()).isEqualTo(300);
        assertThat(transfer.get("memo").asText()).isEqualTo("lunch");
        assertThat(transfer.get("txId").asText()).isEqualTo(result.transactionId());
        assertThat(balance(payer)).isEqualTo(700);
        assertThat(balance(payee)).isEqualTo(300);
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        assertThat(operator().evaluate(Transaction.GET_TRANSFER.wireName(), transferId))
                .isEqualTo(transfer);
        assertThat(operator().evaluate(Transaction.GET_BALANCE.wireName(), payee))
                .isEqualTo(LedgerDriver.parse(
                        ("{\"balance\":300,\"memberId\":\"" + payee + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("TransferCompleted");
            assertThat(event.payloadText()).isEqualTo(result.payloadText());
        });
    }

    @Test
    public void repeating_a_transfer_with_the_same_id_and_content_does_not_pay_twice() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final String transferId = Fresh.id("t");
        final JsonNode first = operator().submit(Transaction.TRANSFER.wireName(), transferId, payer, payee, "60", "");
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult again =
                operator().submitResult(Transaction.TRANSFER.wireName(), transferId, payer, payee, "60", "");
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(again.payload())).isEqualTo(first);
        assertThat(balance(payer)).isEqualTo(40);
        assertThat(balance(payee)).isEqualTo(60);
        assertThat(EventWindow.of(events, again)).isEmpty();
    }

    @Test
    public void refuses_a_transfer_id_reused_with_other_content() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final String transferId = Fresh.id("t");
        final JsonNode first = operator().submit(Transaction.TRANSFER.wireName(), transferId, payer, payee, "10", "a");

        operator()
                .refusedSubmit(
                        "TRANSFER_ID_CONFLICT", Transaction.TRANSFER.wireName(), transferId, payer, payee, "11", "a");
        operator()
                .refusedSubmit(
                        "TRANSFER_ID_CONFLICT", Transaction.TRANSFER.wireName(), transferId, payer, payee, "10", "b");
        operator()
                .refusedSubmit(
                        "TRANSFER_ID_CONFLICT", Transaction.TRANSFER.wireName(), transferId, payee, payer, "10", "a");

        assertThat(operator().evaluate(Transaction.GET_TRANSFER.wireName(), transferId))
                .isEqualTo(first);
        assertThat(balance(payer)).isEqualTo(90);
        assertThat(balance(payee)).isEqualTo(10);
    }

    @Test
    public void a_payer_can_spend_exactly_its_balance_and_never_more() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);

        final LedgerException tooMuch = operator()
                .refusedSubmit(
                        "INSUFFICIENT_FUNDS", Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, payee, "101", "");
        operator().submit(Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, payee, "100", "");
        operator()
                .refusedSubmit(
                        "INSUFFICIENT_FUNDS", Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, payee, "1", "");

        assertThat(tooMuch.getMessage()).contains(payer);
        assertThat(balance(payer)).isZero();
        assertThat(balance(payee)).isEqualTo(100);
    }

    @Test
    public void refuses_transfers_to_oneself_and_with_suspended_members() {
        final String genesis = genesis();
        final String payer = verifiedMember(genesis);
        final String payee = verifiedMember(genesis);
        fund(payer, 100);
        fund(payee, 100);

        operator()
                .refusedSubmit("SELF_TRANSFER", Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, payer, "1", "");
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), payer, "fraud");
        final LedgerException suspendedPayer = operator()
                .refusedSubmit(
                        "MEMBER_SUSPENDED", Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, payee, "1", "");
        final LedgerException suspendedPayee = operator()
                .refusedSubmit(
                        "MEMBER_SUSPENDED", Transaction.TRANSFER.wireName(), Fresh.id("t"), payee, payer, "1", "");

        assertThat(suspendedPayer.getMessage()).contains(payer);
        assertThat(suspendedPayee.getMessage()).contains(payer);
        assertThat(balance(payer)).isEqualTo(100);
        assertThat(balance(payee)).isEqualTo(100);
    }

    @Test
    public void a_payee_spends_what_many_payers_sent_it() {
        final String genesis = genesis();
        final String hub = member(genesis);
        final List<String> payers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            final String payer = member(genesis);
            fund(payer, 50);
            operator().submit(Transaction.TRANSFER.wireName(), Fresh.id("t"), payer, hub, "25", "");
            payers.add(payer);
        }
        final String sink = member(genesis);

        operator().submit(Transaction.TRANSFER.wireName(), Fresh.id("t"), hub, sink, "60", "");
        operator().submit(Transaction.TRANSFER.wireName(), Fresh.id("t"), hub, sink, "40", "");
        operator()
                .refusedSubmit(
                        "INSUFFICIENT_FUNDS", Transaction.TRANSFER.wireName(), Fresh.id("t"), hub, sink, "1", "");

        assertThat(balance(hub)).isZero();
        assertThat(balance(sink)).isEqualTo(100);
        assertThat(payers).allSatisfy(payer -> assertThat(balance(payer)).isEqualTo(25));
    }

    @Test
    public void transfer_history_lists_both_directions_oldest_first_page_by_page() {
        final String genesis = genesis();
        final String a = member(genesis);
        final String b = member(genesis);
        final String c = member(genesis);
        fund(a, 100);
        final List<String> ids = new ArrayList<>();
        for (final String[] leg : List.of(
                new String[] {a, b, "10"},
                new String[] {b, a, "5"},
                new String[] {a, c, "20"},
                new String[] {c, a, "1"},
                new String[] {a, b, "2"})) {
            final String transferId = Fresh.id("t");
            operator().submit(Transaction.TRANSFER.wireName(), transferId, leg[0], leg[1], leg[2], "");
            ids.add(transferId);
        }

        final List<JsonNode> history = pages(Transaction.GET_TRANSFER_HISTORY.wireName(), a, 2);

        assertThat(history).extracting(t -> t.get("transferId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(history).extracting(t -> t.get("timestamp").asLong()).isSorted();
        assertThat(pages(Transaction.GET_TRANSFER_HISTORY.wireName(), c, 1))
                .extracting(t -> t.get("transferId").asText())
                .containsExactlyInAnyOrder(ids.get(2), ids.get(3));
    }

    @Test
    public void the_total_supply_is_the_sum_of_minted_rewards() {
        final JsonNode supply = operator().evaluate(Transaction.GET_TOTAL_SUPPLY.wireName());
        assertThat(fieldNames(supply)).containsExactly("totalSupply");
        final long before = supply.get("totalSupply").asLong();
        final String a = member(genesis());

        fund(a, 12);
        fund(a, 30);

        assertThat(totalSupply() - before).isEqualTo(42);
        assertThat(balance(a)).isEqualTo(42);
    }

    // ---------------------------------------------------------------- channels

    @Test
    public void opens_a_channel_locking_its_deposit_and_announces_it() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 1000);
        final long supplyBefore = totalSupply();
        final PaywordChain chain = chain(10);
        final String channelId = Fresh.id("ch");
        final long expiresAt = System.currentTimeMillis() + 3_600_000;
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult result = operator()
                .submitResult(
                        Transaction.OPEN_CHANNEL.wireName(),
                        channelId,
                        payer,
                        payee,
                        "7",
                        "10",
                        chain.root(),
                        String.valueOf(expiresAt));
        final List<LedgerEvent> events = EventWindow.of(window.close(), result);

        final JsonNode change = LedgerDriver.parse(result.payload());
        assertThat(fieldNames(change)).containsExactly("channel", "entry");
        final JsonNode channel = change.get("channel");
        assertThat(fieldNames(channel))
                .containsExactly(
                        "chainLength",
                        "channelId",
                        "deposit",
                        "expiresAt",
                        "kind",
                        "lastWord",
                        "locked",
                        "openedAt",
                        "openedTxId",
                        "payeeId",
                        "payerId",
                        "redeemed",
                        "redeemedIndex",
                        "refunded",
                        "root",
                        "status",
                        "unit");
        assertThat(channel.get("status").asText()).isEqualTo("OPEN");
        assertThat(channel.get("kind").asText()).isEqualTo("DIRECT");
        assertThat(channel.get("deposit").asLong()).isEqualTo(70);
        assertThat(channel.get("locked").asLong()).isEqualTo(70);
        assertThat(channel.get("lastWord").asText()).isEqualTo(chain.root());
        assertThat(channel.get("openedTxId").asText()).isEqualTo(result.transactionId());
        assertThat(change.get("entry").get("action").asText()).isEqualTo("OPENED");
        assertThat(change.get("entry").get("amount").asLong()).isEqualTo(70);
        assertThat(balance(payer)).isEqualTo(930);
        assertThat(balance(payee)).isZero();
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        assertThat(operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId))
                .isEqualTo(channel);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("ChannelOpened");
            assertThat(event.payloadText()).isEqualTo(result.payloadText());
        });
    }

    @Test
    public void one_redeem_pays_for_many_payments_and_the_next_starts_where_it_ended() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(10);
        final String channelId = openChannel(payer, payee, 7, chain);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult first =
                operator().submitResult(Transaction.REDEEM.wireName(), channelId, payee, "4", chain.word(4));
        final JsonNode second = operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "9", chain.word(9));
        final List<LedgerEvent> events = EventWindow.of(window.close(), first);

        final JsonNode channel = operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId);
        assertThat(second.get("channel")).isEqualTo(channel);
        assertThat(second.get("entry").get("amount").asLong()).isEqualTo(35);
        assertThat(second.get("entry").get("fromIndex").asLong()).isEqualTo(4);
        assertThat(second.get("entry").get("toIndex").asLong()).isEqualTo(9);
        assertThat(channel.get("redeemedIndex").asLong()).isEqualTo(9);
        assertThat(channel.get("lastWord").asText()).isEqualTo(chain.word(9));
        assertThat(channel.get("redeemed").asLong()).isEqualTo(63);
        assertThat(channel.get("locked").asLong()).isEqualTo(7);
        assertThat(balance(payee)).isEqualTo(63);
        assertThat(balance(payer)).isEqualTo(30);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("ChannelRedeemed");
            assertThat(event.payloadText()).isEqualTo(first.payloadText());
        });
        assertThat(channelHistory(channelId, 1))
                .extracting(
                        e -> e.get("action").asText() + ":" + e.get("amount").asLong())
                .containsExactly("OPENED:70", "REDEEMED:28", "REDEEMED:35");
    }

    @Test
    public void refuses_a_replayed_lower_foreign_or_overlong_payword_and_pays_nothing() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 10);
        final PaywordChain chain = chain(10);
        final String channelId = openChannel(payer, payee, 1, chain);
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "5", chain.word(5));
        final JsonNode before = operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId);

        operator()
                .refusedSubmit("PAYWORD_REPLAYED", Transaction.REDEEM.wireName(), channelId, payee, "5", chain.word(5));
        operator()
                .refusedSubmit("PAYWORD_REPLAYED", Transaction.REDEEM.wireName(), channelId, payee, "3", chain.word(3));
        operator()
                .refusedSubmit(
                        "PAYWORD_BEYOND_CHAIN", Transaction.REDEEM.wireName(), channelId, payee, "11", chain.word(10));
        operator()
                .refusedSubmit(
                        "PAYWORD_INVALID",
                        Transaction.REDEEM.wireName(),
                        channelId,
                        payee,
                        "6",
                        chain(10).word(6));
        operator()
                .refusedSubmit("PAYWORD_INVALID", Transaction.REDEEM.wireName(), channelId, payee, "6", chain.word(7));
        operator()
                .refusedSubmit(
                        "CHANNEL_PARTY_MISMATCH", Transaction.REDEEM.wireName(), channelId, payer, "6", chain.word(6));
        operator()
                .refusedSubmit(
                        "CHANNEL_NOT_FOUND", Transaction.REDEEM.wireName(), Fresh.id("ch"), payee, "6", chain.word(6));

        assertThat(operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId))
                .isEqualTo(before);
        assertThat(balance(payee)).isEqualTo(5);
        assertThat(balance(payer)).isZero();
    }

    @Test
    public void the_payee_closes_at_any_time_and_the_rest_goes_back_to_the_payer() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        final String stranger = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(20);
        final String channelId = openChannel(payer, payee, 5, chain);
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "3", chain.word(3));

        operator().refusedSubmit("CHANNEL_NOT_EXPIRED", Transaction.CLOSE_CHANNEL.wireName(), channelId, payer);
        operator().refusedSubmit("CHANNEL_PARTY_MISMATCH", Transaction.CLOSE_CHANNEL.wireName(), channelId, stranger);
        final JsonNode closed = operator().submit(Transaction.CLOSE_CHANNEL.wireName(), channelId, payee);

        assertThat(closed.get("channel").get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("channel").get("closedBy").asText()).isEqualTo(payee);
        assertThat(closed.get("channel").get("refunded").asLong()).isEqualTo(85);
        assertThat(closed.get("channel").get("locked").asLong()).isZero();
        assertThat(closed.get("entry").get("action").asText()).isEqualTo("CLOSED");
        assertThat(balance(payer)).isEqualTo(85);
        assertThat(balance(payee)).isEqualTo(15);
        operator().refusedSubmit("CHANNEL_CLOSED", Transaction.REDEEM.wireName(), channelId, payee, "4", chain.word(4));
        operator().refusedSubmit("CHANNEL_CLOSED", Transaction.CLOSE_CHANNEL.wireName(), channelId, payee);
        assertThat(operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId))
                .isEqualTo(closed.get("channel"));
        assertThat(balance(payer) + balance(payee)).isEqualTo(100);
    }

    @Test
    public void after_expiry_by_transaction_time_only_the_payer_may_end_the_channel() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 10);
        final PaywordChain chain = chain(10);
        // three transactions must commit before expiry, also on Fabric (orderer batch timeout 250 ms)
        final long expiresAt = System.currentTimeMillis() + 5_000;
        final String channelId = openChannel(payer, payee, 1, chain, expiresAt);
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "2", chain.word(2));
        operator().refusedSubmit("CHANNEL_NOT_EXPIRED", Transaction.CLOSE_CHANNEL.wireName(), channelId, payer);

        final JsonNode closed = closeOnceExpired(channelId, payer, expiresAt);

        assertThat(closed.get("entry").get("timestamp").asLong()).isGreaterThanOrEqualTo(expiresAt);
        assertThat(closed.get("channel").get("refunded").asLong()).isEqualTo(8);
        assertThat(balance(payer)).isEqualTo(8);
        assertThat(balance(payee)).isEqualTo(2);
        operator().refusedSubmit("CHANNEL_CLOSED", Transaction.REDEEM.wireName(), channelId, payee, "3", chain.word(3));
    }

    @Test
    public void an_expired_channel_cannot_be_redeemed_or_opened() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 10);
        final PaywordChain chain = chain(10);
        final long expiresAt = System.currentTimeMillis() + 2_000;
        final String channelId = openChannel(payer, payee, 1, chain, expiresAt);
        awaitLedgerTimePast(expiresAt);

        operator()
                .refusedSubmit("CHANNEL_EXPIRED", Transaction.REDEEM.wireName(), channelId, payee, "2", chain.word(2));
        operator()
                .refusedSubmit(
                        "CHANNEL_EXPIRED",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payee,
                        "1",
                        "10",
                        chain(10).root(),
                        String.valueOf(expiresAt));

        assertThat(balance(payee)).isZero();
        assertThat(balance(payer)).isZero();
    }

    @Test
    public void refuses_channels_the_payer_cannot_afford_to_oneself_with_suspended_members_or_an_overflow() {
        final String genesis = genesis();
        final String payer = verifiedMember(genesis);
        final String payee = verifiedMember(genesis);
        fund(payer, 100);
        final String root = chain(10).root();
        final String expiry = String.valueOf(System.currentTimeMillis() + 3_600_000);

        operator()
                .refusedSubmit(
                        "INSUFFICIENT_FUNDS",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payee,
                        "11",
                        "10",
                        root,
                        expiry);
        operator()
                .refusedSubmit(
                        "SELF_TRANSFER",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payer,
                        "1",
                        "10",
                        root,
                        expiry);
        operator()
                .refusedSubmit(
                        "AMOUNT_OVERFLOW",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payee,
                        String.valueOf(Long.MAX_VALUE / 2),
                        "10",
                        root,
                        expiry);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), payee, "fraud");
        operator()
                .refusedSubmit(
                        "MEMBER_SUSPENDED",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payee,
                        "1",
                        "10",
                        root,
                        expiry);

        assertThat(balance(payer)).isEqualTo(100);
    }

    @Test
    public void opening_again_with_the_same_terms_locks_nothing_twice_and_other_terms_are_refused() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(10);
        final String expiry = String.valueOf(System.currentTimeMillis() + 3_600_000);
        final String channelId = Fresh.id("ch");
        final JsonNode first = operator()
                .submit(Transaction.OPEN_CHANNEL.wireName(), channelId, payer, payee, "3", "10", chain.root(), expiry);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult again = operator()
                .submitResult(
                        Transaction.OPEN_CHANNEL.wireName(), channelId, payer, payee, "3", "10", chain.root(), expiry);
        operator()
                .refusedSubmit(
                        "CHANNEL_EXISTS",
                        Transaction.OPEN_CHANNEL.wireName(),
                        channelId,
                        payer,
                        payee,
                        "4",
                        "10",
                        chain.root(),
                        expiry);
        final List<LedgerEvent> events = window.close();

        assertThat(LedgerDriver.parse(again.payload())).isEqualTo(first);
        assertThat(EventWindow.of(events, again)).isEmpty();
        assertThat(balance(payer)).isEqualTo(70);
    }

    @Test
    public void a_suspended_payee_cannot_redeem_and_a_foreign_identity_cannot_touch_a_channel() {
        final String genesis = genesis();
        final String payer = verifiedMember(genesis);
        final String payee = verifiedMember(genesis);
        fund(payer, 10);
        final PaywordChain chain = chain(10);
        final String channelId = openChannel(payer, payee, 1, chain);
        final JsonNode before = operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId);

        foreign().refusedSubmit("ACCESS_DENIED", Transaction.REDEEM.wireName(), channelId, payee, "2", chain.word(2));
        foreign().refusedSubmit("ACCESS_DENIED", Transaction.CLOSE_CHANNEL.wireName(), channelId, payee);
        foreign()
                .refusedSubmit(
                        "ACCESS_DENIED",
                        Transaction.OPEN_CHANNEL.wireName(),
                        Fresh.id("ch"),
                        payer,
                        payee,
                        "1",
                        "10",
                        chain.root(),
                        String.valueOf(System.currentTimeMillis() + 3_600_000));
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), payee, "fraud");
        operator()
                .refusedSubmit("MEMBER_SUSPENDED", Transaction.REDEEM.wireName(), channelId, payee, "2", chain.word(2));

        assertThat(foreign().evaluate(Transaction.GET_CHANNEL.wireName(), channelId))
                .isEqualTo(before);
        assertThat(balance(payer)).isZero();
        assertThat(balance(payee)).isZero();
    }

    // ---------------------------------------------------------------- NetPay wallets and Mini-Pay limits

    @Test
    public void a_wallet_is_spent_at_several_payees_and_one_split_redeem_pays_each_its_share() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String shop = member(genesis);
        final String cafe = member(genesis);
        fund(payer, 200);
        final long supplyBefore = totalSupply();
        final PaywordChain chain = chain(20);
        final String channelId = openWallet(payer, 5, chain, System.currentTimeMillis() + 3_600_000);
        final JsonNode opened = operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId);
        assertThat(opened.get("kind").asText()).isEqualTo("WALLET");
        assertThat(opened.has("payeeId")).isFalse();
        assertThat(balance(payer)).isEqualTo(100);
        final EventWindow window = EventWindow.open(operator());

        final LedgerResult first = operator()
                .submitResult(
                        Transaction.REDEEM_SPLIT.wireName(), channelId, "6", chain.word(6), shares(cafe, 10, shop, 20));
        final JsonNode second =
                operator().submit(Transaction.REDEEM_SPLIT.wireName(), channelId, "9", chain.word(9), shares(cafe, 15));
        final List<LedgerEvent> events = EventWindow.of(window.close(), first);

        final JsonNode entry = LedgerDriver.parse(first.payload()).get("entry");
        assertThat(fieldNames(entry))
                .containsExactly(
                        "action", "amount", "channelId", "fromIndex", "shares", "timestamp", "toIndex", "txId");
        assertThat(entry.get("amount").asLong()).isEqualTo(30);
        assertThat(entry.get("shares"))
                .extracting(
                        s -> s.get("payeeId").asText() + ":" + s.get("amount").asLong())
                .as("shares sorted by payee")
                .containsExactlyElementsOf(sorted(List.of(shop + ":20", cafe + ":10")));
        assertThat(second.get("channel").get("redeemedIndex").asLong()).isEqualTo(9);
        assertThat(second.get("channel").get("redeemed").asLong()).isEqualTo(45);
        assertThat(second.get("channel").get("locked").asLong()).isEqualTo(55);
        assertThat(balance(shop)).isEqualTo(20);
        assertThat(balance(cafe)).isEqualTo(25);
        assertThat(balance(payer)).isEqualTo(100);
        assertThat(totalSupply()).isEqualTo(supplyBefore);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("ChannelRedeemed");
            assertThat(event.payloadText()).isEqualTo(first.payloadText());
        });
        assertThat(channelHistory(channelId, 2))
                .extracting(e -> e.get("action").asText() + ":"
                        + e.get("amount").asLong() + ":" + e.path("shares").size())
                .containsExactly("OPENED:100:0", "REDEEMED:30:2", "REDEEMED:15:1");
    }

    @Test
    public void opening_a_wallet_again_locks_nothing_twice_and_its_id_cannot_be_reused_for_a_direct_channel() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(10);
        final long expiresAt = System.currentTimeMillis() + 3_600_000;
        final String channelId = openWallet(payer, 5, chain, expiresAt);
        final String[] terms = {channelId, payer, "5", "10", chain.root(), String.valueOf(expiresAt)};

        final JsonNode again = operator().submit(Transaction.OPEN_WALLET_CHANNEL.wireName(), terms);
        operator()
                .refusedSubmit(
                        "CHANNEL_EXISTS",
                        Transaction.OPEN_CHANNEL.wireName(),
                        channelId,
                        payer,
                        payee,
                        "5",
                        "10",
                        chain.root(),
                        String.valueOf(expiresAt));
        operator()
                .refusedSubmit(
                        "CHANNEL_EXISTS",
                        Transaction.OPEN_WALLET_CHANNEL.wireName(),
                        channelId,
                        payer,
                        "6",
                        "10",
                        chain.root(),
                        String.valueOf(expiresAt));

        assertThat(again.get("entry").get("action").asText()).isEqualTo("OPENED");
        assertThat(balance(payer)).isEqualTo(50);
    }

    @Test
    public void refuses_splits_that_do_not_add_up_pay_the_payer_or_name_a_payee_twice_and_pays_nothing() {
        final String genesis = genesis();
        final String payer = verifiedMember(genesis);
        final String shop = verifiedMember(genesis);
        final String suspended = verifiedMember(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(10);
        final String walletId = openWallet(payer, 2, chain, System.currentTimeMillis() + 3_600_000);
        final String directId = openChannel(payer, shop, 1, chain(10));
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), suspended, "fraud");
        final JsonNode before = operator().evaluate(Transaction.GET_CHANNEL.wireName(), walletId);
        final String split = Transaction.REDEEM_SPLIT.wireName();
        final String word3 = chain.word(3);

        operator().refusedSubmit("SPLIT_SUM_MISMATCH", split, walletId, "3", word3, shares(shop, 5));
        operator().refusedSubmit("SPLIT_SUM_MISMATCH", split, walletId, "3", word3, shares(shop, 7));
        operator().refusedSubmit("SPLIT_INVALID", split, walletId, "3", word3, shares(payer, 2, shop, 4));
        operator().refusedSubmit("SPLIT_INVALID", split, walletId, "3", word3, shares(shop, 2, shop, 4));
        operator().refusedSubmit("SPLIT_INVALID", split, walletId, "3", word3, shares(shop, 0, payer, 6));
        operator().refusedSubmit("SPLIT_INVALID", split, walletId, "3", word3, "{\"shares\":[]}");
        operator().refusedSubmit("MALFORMED_JSON", split, walletId, "3", word3, "{\"shares\":[{\"amount\":6}");
        operator().refusedSubmit("MALFORMED_JSON", split, walletId, "3", word3, "{\"payees\":[]}");
        operator().refusedSubmit("MEMBER_NOT_FOUND", split, walletId, "3", word3, shares(Fresh.id("m"), 6));
        operator().refusedSubmit("MEMBER_SUSPENDED", split, walletId, "3", word3, shares(suspended, 6));
        operator().refusedSubmit("PAYWORD_INVALID", split, walletId, "3", chain.word(4), shares(shop, 6));
        operator().refusedSubmit("PAYWORD_BEYOND_CHAIN", split, walletId, "11", chain.word(10), shares(shop, 22));
        operator().refusedSubmit("CHANNEL_NOT_FOUND", split, Fresh.id("ch"), "3", word3, shares(shop, 6));
        operator().refusedSubmit("CHANNEL_KIND_MISMATCH", split, directId, "3", word3, shares(shop, 3));
        operator()
                .refusedSubmit(
                        "CHANNEL_KIND_MISMATCH", Transaction.REDEEM.wireName(), walletId, shop, "3", chain.word(3));
        foreign().refusedSubmit("ACCESS_DENIED", split, walletId, "3", word3, shares(shop, 6));

        assertThat(operator().evaluate(Transaction.GET_CHANNEL.wireName(), walletId))
                .isEqualTo(before);
        assertThat(balance(shop)).isZero();
        operator().submit(split, walletId, "3", word3, shares(shop, 6));
        operator().refusedSubmit("PAYWORD_REPLAYED", split, walletId, "3", word3, shares(shop, 6));
        assertThat(balance(shop)).as("a repeated batch pays nobody twice").isEqualTo(6);
    }

    @Test
    public void only_the_payer_closes_a_wallet_and_only_from_expiry_on() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String shop = member(genesis);
        fund(payer, 10);
        final PaywordChain chain = chain(10);
        final long expiresAt = System.currentTimeMillis() + 5_000;
        final String walletId = openWallet(payer, 1, chain, expiresAt);
        operator().submit(Transaction.REDEEM_SPLIT.wireName(), walletId, "4", chain.word(4), shares(shop, 4));

        operator().refusedSubmit("CHANNEL_PARTY_MISMATCH", Transaction.CLOSE_CHANNEL.wireName(), walletId, shop);
        operator().refusedSubmit("CHANNEL_NOT_EXPIRED", Transaction.CLOSE_CHANNEL.wireName(), walletId, payer);
        final JsonNode closed = closeOnceExpired(walletId, payer, expiresAt);

        assertThat(closed.get("channel").get("refunded").asLong()).isEqualTo(6);
        assertThat(balance(payer)).isEqualTo(6);
        assertThat(balance(shop)).isEqualTo(4);
    }

    @Test
    public void a_spending_limit_caps_how_far_a_channel_can_be_redeemed_and_the_next_day_raises_the_cap() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(20);
        final String channelId = openChannel(payer, payee, 2, chain, System.currentTimeMillis() + 4 * DAY);
        final String today = utcDay(0);
        final String certify = Transaction.CERTIFY_SPENDING.wireName();

        final JsonNode change = operator().submit(certify, channelId, today, "0", "7");
        final JsonNode again = operator().submit(certify, channelId, today, "0", "7");
        operator().refusedSubmit("SPENDING_CERTIFICATE_CONFLICT", certify, channelId, today, "0", "8");
        operator()
                .refusedSubmit(
                        "SPENDING_LIMIT_EXCEEDED", Transaction.REDEEM.wireName(), channelId, payee, "4", chain.word(4));
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "3", chain.word(3));
        final JsonNode tomorrow = operator().submit(certify, channelId, utcDay(1), "3", "4");
        operator().refusedSubmit("SPENDING_CERTIFICATE_CONFLICT", certify, channelId, today, "3", "4");
        operator()
                .refusedSubmit(
                        "SPENDING_LIMIT_EXCEEDED", Transaction.REDEEM.wireName(), channelId, payee, "6", chain.word(6));
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "5", chain.word(5));

        assertThat(fieldNames(change)).containsExactly("channel", "limit");
        assertThat(fieldNames(change.get("limit")))
                .containsExactly("capIndex", "certifiedAt", "channelId", "day", "fromIndex", "limit", "txId");
        assertThat(change.get("limit").get("capIndex").asLong())
                .as("7 minor units buy 3 paywords of 2")
                .isEqualTo(3);
        assertThat(change.get("channel").get("spendingCap").asLong()).isEqualTo(3);
        assertThat(change.get("channel").get("certifiedDay").asText()).isEqualTo(today);
        assertThat(again).as("the same limit again changes nothing").isEqualTo(change);
        assertThat(tomorrow.get("channel").get("spendingCap").asLong()).isEqualTo(5);
        assertThat(balance(payee)).isEqualTo(10);
    }

    @Test
    public void refuses_spending_limits_for_other_days_below_a_unit_or_on_a_channel_that_expires_too_soon() {
        final String genesis = genesis();
        final String payer = member(genesis);
        final String payee = member(genesis);
        fund(payer, 100);
        final PaywordChain chain = chain(10);
        final String channelId = openChannel(payer, payee, 2, chain, System.currentTimeMillis() + 4 * DAY);
        final String soon = openChannel(payer, payee, 1, chain(10), System.currentTimeMillis() + 3_600_000);
        final String closedId = openChannel(payer, payee, 1, chain(10));
        operator().submit(Transaction.CLOSE_CHANNEL.wireName(), closedId, payee);
        operator().submit(Transaction.REDEEM.wireName(), channelId, payee, "2", chain.word(2));
        final JsonNode before = operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId);
        final String certify = Transaction.CERTIFY_SPENDING.wireName();
        final String today = utcDay(0);

        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, channelId, utcDay(-1), "2", "4");
        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, channelId, utcDay(2), "2", "4");
        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, channelId, today, "2", "1");
        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, channelId, today, "1", "4");
        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, channelId, today, "10", "4");
        operator().refusedSubmit("SPENDING_CERTIFICATE_INVALID", certify, soon, today, "0", "4");
        operator().refusedSubmit("INVALID_ARGUMENT", certify, channelId, "2026-02-30", "2", "4");
        operator().refusedSubmit("INVALID_ARGUMENT", certify, channelId, "tomorrow", "2", "4");
        operator().refusedSubmit("INVALID_AMOUNT", certify, channelId, today, "2", "0");
        operator().refusedSubmit("CHANNEL_NOT_FOUND", certify, Fresh.id("ch"), today, "0", "4");
        operator().refusedSubmit("CHANNEL_CLOSED", certify, closedId, today, "0", "4");
        foreign().refusedSubmit("ACCESS_DENIED", certify, channelId, today, "2", "4");

        assertThat(operator().evaluate(Transaction.GET_CHANNEL.wireName(), channelId))
                .isEqualTo(before);
        assertThat(before.has("spendingCap")).isFalse();
    }

    // ---------------------------------------------------------------- access

    @Test
    public void a_foreign_identity_can_write_nothing_and_changes_nothing() {
        final String genesis = genesis();
        final String member = verifiedMember(genesis);
        final String payee = member(genesis);
        fund(member, 100);
        final JsonNode policy = currentPolicy();
        final String heldCycle = Fresh.id("c");
        final String heldMember = verifiedMember(genesis);
        operator().submit(Transaction.SUSPEND_MEMBER.wireName(), heldMember, "hold");
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(heldCycle, policy, Fresh.accountHash(), 1, entry(policy, heldMember, 10)));
        final String newcomer = Fresh.id("m");
        final String newGenesis = Fresh.id("g");
        final String newCycle = Fresh.id("c");
        final String transferId = Fresh.id("t");
        final JsonNode memberBefore = operator().evaluate(Transaction.GET_MEMBER.wireName(), member);
        final long supplyBefore = totalSupply();
        final EventWindow window = EventWindow.open(operator());

        final LedgerDriver foreign = foreign();
        foreign.refusedSubmit(
                "ACCESS_DENIED", Transaction.REGISTER_GENESIS_MEMBER.wireName(), newGenesis, Fresh.accountHash());
        foreign.refusedSubmit(
                "ACCESS_DENIED", Transaction.REGISTER_MEMBER.wireName(), newcomer, Fresh.accountHash(), genesis);
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.SUSPEND_MEMBER.wireName(), member, "hostile");
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.VERIFY_MEMBER.wireName(), payee);
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.REINSTATE_MEMBER.wireName(), heldMember);
        foreign.refusedSubmit(
                "ACCESS_DENIED",
                Transaction.PUBLISH_POLICY.wireName(),
                policyJson(policy.get("policy"), policy.get("version").asInt() + 1));
        foreign.refusedSubmit(
                "ACCESS_DENIED",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk(newCycle, policy, Fresh.accountHash(), 1, entry(policy, member, 1000)));
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.RELEASE_HOLD.wireName(), heldCycle, heldMember);
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.FORFEIT_HOLD.wireName(), heldCycle, heldMember);
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.TRANSFER.wireName(), transferId, member, payee, "50", "");
        foreign.refusedSubmit("ACCESS_DENIED", Transaction.REGISTER_MEMBER.wireName(), "bad id!", "not a hash", "x");
        final List<LedgerEvent> events = window.close();

        assertThat(EventWindow.mentioning(events, newcomer, newGenesis, member, payee, heldMember, newCycle))
                .isEmpty();
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), newcomer);
        operator().refusedEvaluate("MEMBER_NOT_FOUND", Transaction.GET_MEMBER.wireName(), newGenesis);
        operator().refusedEvaluate("CYCLE_NOT_FOUND", Transaction.GET_CYCLE.wireName(), newCycle);
        operator().refusedEvaluate("TRANSFER_NOT_FOUND", Transaction.GET_TRANSFER.wireName(), transferId);
        assertThat(operator().evaluate(Transaction.GET_MEMBER.wireName(), member))
                .isEqualTo(memberBefore);
        assertThat(operator()
                        .evaluate(Transaction.GET_MEMBER.wireName(), payee)
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
        assertThat(operator()
                        .evaluate(Transaction.GET_MEMBER.wireName(), heldMember)
                        .get("status")
                        .asText())
                .isEqualTo("SUSPENDED");
        assertThat(operator()
                        .evaluate(Transaction.GET_REWARD_ENTRY.wireName(), heldCycle, heldMember)
                        .get("status")
                        .asText())
                .isEqualTo("HELD");
        assertThat(operator().evaluate(Transaction.GET_CURRENT_POLICY.wireName()))
                .isEqualTo(policy);
        assertThat(balance(member)).isEqualTo(100);
        assertThat(totalSupply()).isEqualTo(supplyBefore);
    }

    @Test
    public void a_foreign_identity_can_read() {
        final String member = member(genesis());
        fund(member, 5);

        assertThat(foreign().evaluate(Transaction.GET_MEMBER.wireName(), member))
                .isEqualTo(operator().evaluate(Transaction.GET_MEMBER.wireName(), member));
        assertThat(foreign()
                        .evaluate(Transaction.GET_BALANCE.wireName(), member)
                        .get("balance")
                        .asLong())
                .isEqualTo(5);
        assertThat(foreign()
                        .evaluate(Transaction.GET_TOTAL_SUPPLY.wireName())
                        .get("totalSupply")
                        .asLong())
                .isPositive();
        assertThat(foreign().evaluate(Transaction.GET_CURRENT_POLICY.wireName()))
                .isEqualTo(currentPolicy());
    }

    // ---------------------------------------------------------------- helpers

    /** @return a fresh genesis member */
    protected String genesis() {
        final String memberId = Fresh.id("g");
        operator().submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), memberId, Fresh.accountHash());
        return memberId;
    }

    /** @return a fresh ACTIVE member under the recommender */
    protected String member(final String recommenderId) {
        return member(recommenderId, Fresh.accountHash());
    }

    protected String member(final String recommenderId, final String accountHash) {
        final String memberId = Fresh.id("m");
        operator().submit(Transaction.REGISTER_MEMBER.wireName(), memberId, accountHash, recommenderId);
        return memberId;
    }

    /** @return a fresh VERIFIED member under the recommender */
    protected String verifiedMember(final String recommenderId) {
        final String memberId = member(recommenderId);
        operator().submit(Transaction.VERIFY_MEMBER.wireName(), memberId);
        return memberId;
    }

    /**
     * Mints money to a member through a fresh single-entry reward cycle.
     *
     * @return the cycle id
     */
    protected String fund(final String memberId, final long amount) {
        final JsonNode policy = currentPolicy();
        final String cycleId = Fresh.id("fund");
        operator()
                .submit(
                        Transaction.PAY_REWARD_CHUNK.wireName(),
                        chunk(cycleId, policy, Fresh.accountHash(), 1, entry(policy, memberId, amount)));
        return cycleId;
    }

    /** @return the current PolicyRecord, publishing the default policy first on an empty ledger */
    protected JsonNode currentPolicy() {
        try {
            return operator().evaluate(Transaction.GET_CURRENT_POLICY.wireName());
        } catch (LedgerException e) {
            if (!"POLICY_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            return operator().submit(Transaction.PUBLISH_POLICY.wireName(), DEFAULT_POLICY);
        }
    }

    protected static String policyJson(final JsonNode policy, final int version) {
        final ObjectNode copy = policy.deepCopy();
        copy.put("version", version);
        return LedgerDriver.text(copy);
    }

    /** @return a level-1 entry of the policy's first tier */
    protected static ObjectNode entry(final JsonNode policyRecord, final String memberId, final long amount) {
        return LedgerDriver.object()
                .put("amount", amount)
                .put("events", 1)
                .put("level", 1)
                .put("memberId", memberId)
                .put(
                        "rateBps",
                        policyRecord
                                .get("policy")
                                .get("tiers")
                                .get(0)
                                .get("rateBps")
                                .asInt())
                .put("scoreBps", 10_000);
    }

    /** @return the one chunk of a cycle cut into one chunk */
    protected static String chunk(
            final String cycleId,
            final JsonNode policyRecord,
            final String merkleRoot,
            final int entryCount,
            final ObjectNode... entries) {
        return chunk(cycleId, policyRecord, merkleRoot, entryCount, 0, List.of(""), entries);
    }

    /** @return chunk {@code chunkIndex} of a cycle cut into chunks at {@code chunkStarts} */
    protected static String chunk(
            final String cycleId,
            final JsonNode policyRecord,
            final String merkleRoot,
            final int entryCount,
            final int chunkIndex,
            final List<String> chunkStarts,
            final ObjectNode... entries) {
        final ObjectNode chunk = LedgerDriver.object()
                .put("chunkIndex", chunkIndex)
                .put("cycleId", cycleId)
                .put("policyVersion", policyRecord.get("version").asInt())
                .put("merkleRoot", merkleRoot)
                .put("cycleStart", CYCLE_START)
                .put("cycleEnd", CYCLE_END)
                .put("entryCount", entryCount);
        final ArrayNode starts = chunk.putArray("chunkStarts");
        chunkStarts.forEach(starts::add);
        final ArrayNode list = chunk.putArray("entries");
        for (final ObjectNode entry : entries) {
            list.add(entry);
        }
        return LedgerDriver.text(chunk);
    }

    /** @return a fresh chain from a random seed */
    protected static PaywordChain chain(final int length) {
        return PaywordChain.fromSeed(HexFormat.of().parseHex(Fresh.accountHash()), length);
    }

    /** @return the id of a fresh channel over the whole chain, expiring in an hour */
    protected String openChannel(final String payer, final String payee, final long unit, final PaywordChain chain) {
        return openChannel(payer, payee, unit, chain, System.currentTimeMillis() + 3_600_000);
    }

    protected String openChannel(
            final String payer, final String payee, final long unit, final PaywordChain chain, final long expiresAt) {
        final String channelId = Fresh.id("ch");
        operator()
                .submit(
                        Transaction.OPEN_CHANNEL.wireName(),
                        channelId,
                        payer,
                        payee,
                        String.valueOf(unit),
                        String.valueOf(chain.length()),
                        chain.root(),
                        String.valueOf(expiresAt));
        return channelId;
    }

    /** @return the id of a fresh NetPay wallet over the whole chain */
    protected String openWallet(final String payer, final long unit, final PaywordChain chain, final long expiresAt) {
        final String channelId = Fresh.id("w");
        operator()
                .submit(
                        Transaction.OPEN_WALLET_CHANNEL.wireName(),
                        channelId,
                        payer,
                        String.valueOf(unit),
                        String.valueOf(chain.length()),
                        chain.root(),
                        String.valueOf(expiresAt));
        return channelId;
    }

    /** @return {@code sharesJson} of RedeemSplit: payee, amount, payee, amount, ... in the order given */
    protected static String shares(final Object... payeesAndAmounts) {
        final ArrayNode list = LedgerDriver.JSON.createArrayNode();
        for (int i = 0; i < payeesAndAmounts.length; i += 2) {
            list.addObject()
                    .put("amount", ((Number) payeesAndAmounts[i + 1]).longValue())
                    .put("payeeId", (String) payeesAndAmounts[i]);
        }
        final ObjectNode shares = LedgerDriver.object();
        shares.set("shares", list);
        return LedgerDriver.text(shares);
    }

    /**
     * @param offset days from today
     * @return that UTC day; waits out the last seconds before midnight so the ledger's day is the same
     */
    protected static String utcDay(final int offset) {
        final long msIntoDay = System.currentTimeMillis() % DAY;
        if (msIntoDay > DAY - 30_000) {
            awaitLedgerTimePast(System.currentTimeMillis() - msIntoDay + DAY);
        }
        return LocalDate.now(ZoneOffset.UTC).plusDays(offset).toString();
    }

    protected List<JsonNode> channelHistory(final String channelId, final int pageSize) {
        return pages(Transaction.GET_CHANNEL_HISTORY.wireName(), channelId, pageSize);
    }

    /**
     * The transaction time is the submitting client's clock (on Fabric the proposal's timestamp), so the test waits on
     * the same clock; a payer's close is retried only while the ledger still calls it early.
     */
    private JsonNode closeOnceExpired(final String channelId, final String payer, final long expiresAt) {
        final long deadline = expiresAt + 30_000;
        while (true) {
            awaitLedgerTimePast(expiresAt);
            try {
                return operator().submit(Transaction.CLOSE_CHANNEL.wireName(), channelId, payer);
            } catch (LedgerException e) {
                if (!"CHANNEL_NOT_EXPIRED".equals(e.code()) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void awaitLedgerTimePast(final long instant) {
        while (System.currentTimeMillis() <= instant) {
            LockSupport.parkUntil(instant + 1);
        }
    }

    protected long balance(final String memberId) {
        final JsonNode balance = operator().evaluate(Transaction.GET_BALANCE.wireName(), memberId);
        assertThat(balance.get("memberId").asText()).isEqualTo(memberId);
        return balance.get("balance").asLong();
    }

    protected long totalSupply() {
        return operator()
                .evaluate(Transaction.GET_TOTAL_SUPPLY.wireName())
                .get("totalSupply")
                .asLong();
    }

    protected List<JsonNode> recommendees(final String memberId) {
        return pages(Transaction.LIST_RECOMMENDEES.wireName(), memberId, 1000);
    }

    /** Reads every page of a paged query, checking the page-size and bookmark rules on the way. */
    /**
     * Every chunk of a cycle cut into chunks of {@code size} entries in member-id order, as the server cuts it.
     *
     * @param sorted the cycle's entries in member-id order
     */
    protected static List<String> chunks(
            final String cycleId,
            final JsonNode policyRecord,
            final String merkleRoot,
            final List<ObjectNode> sorted,
            final int size) {
        final List<String> starts = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += size) {
            starts.add(from == 0 ? "" : sorted.get(from).get("memberId").asText());
        }
        final List<String> chunks = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            chunks.add(chunk(
                    cycleId,
                    policyRecord,
                    merkleRoot,
                    sorted.size(),
                    k,
                    starts,
                    sorted.subList(k * size, Math.min(sorted.size(), (k + 1) * size))
                            .toArray(ObjectNode[]::new)));
        }
        return chunks;
    }

    protected static List<ObjectNode> byMember(final List<ObjectNode> entries) {
        final List<ObjectNode> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(e -> e.get("memberId").asText()));
        return sorted;
    }

    /** Every item of a list whose pages may be short before the last (a page of reward history covers cycles). */
    protected List<JsonNode> sparsePages(final String transaction, final String memberId, final int pageSize) {
        return collectPages(transaction, memberId, pageSize, 100_000, false);
    }

    protected List<JsonNode> pages(final String transaction, final String memberId, final int pageSize) {
        return collectPages(transaction, memberId, pageSize, 10_000, true);
    }

    private List<JsonNode> collectPages(
            final String transaction,
            final String memberId,
            final int pageSize,
            final int maxPages,
            final boolean onlyLastShort) {
        final List<JsonNode> items = new ArrayList<>();
        String bookmark = "";
        for (int page = 0; page < maxPages; page++) {
            final JsonNode result = operator().evaluate(transaction, memberId, String.valueOf(pageSize), bookmark);
            assertThat(fieldNames(result)).containsExactly("bookmark", "items");
            assertThat(result.get("items").size()).isLessThanOrEqualTo(pageSize);
            result.get("items").forEach(items::add);
            bookmark = result.get("bookmark").asText();
            if (bookmark.isEmpty()) {
                return items;
            }
            if (onlyLastShort) {
                assertThat(result.get("items").size())
                        .as("only the last page may be short")
                        .isEqualTo(pageSize);
            }
        }
        throw new AssertionError(transaction + " never returned an empty bookmark");
    }

    protected static List<String> fieldNames(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    protected static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> sorted(final List<String> values) {
        return values.stream().sorted().toList();
    }

    /**
     * The Merkle root of DESIGN §6 written out independently of the chaincode: leaves SHA-256(0x00 || canonical JSON)
     * in member-id order, nodes SHA-256(0x01 || left || right), an odd last node promoted.
     */
    protected static String merkleRoot(final List<ObjectNode> sortedEntries) {
        List<byte[]> level = new ArrayList<>();
        for (final ObjectNode entry : sortedEntries) {
            final String canonical =
                    "{\"amount\":%d,\"events\":%d,\"level\":%d,\"memberId\":\"%s\",\"rateBps\":%d,\"scoreBps\":%d}"
                            .formatted(
                                    entry.get("amount").asLong(),
                                    entry.get("events").asLong(),
                                    entry.get("level").asInt(),
                                    entry.get("memberId").asText(),
                                    entry.get("rateBps").asInt(),
                                    entry.get("scoreBps").asLong());
            level.add(sha256(new byte[] {0}, canonical.getBytes(StandardCharsets.UTF_8)));
        }
        if (level.isEmpty()) {
            return HexFormat.of().formatHex(sha256(new byte[0]));
        }
        while (level.size() > 1) {
            final List<byte[]> parent = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                parent.add(
                        i + 1 < level.size() ? sha256(new byte[] {1}, level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = parent;
        }
        return HexFormat.of().formatHex(level.getFirst());
    }

    private static byte[] sha256(final byte[]... parts) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(final String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
