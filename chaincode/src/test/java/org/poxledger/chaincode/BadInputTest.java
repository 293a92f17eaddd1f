package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.poxledger.contract.PolicyLimits;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.memory.EmbeddedLedger;
import org.poxledger.ledger.memory.LedgerIdentity;
import org.poxledger.payword.PaywordChain;

/**
 * Every transaction with bad input: the exact error code, a message naming the culprit, and nothing committed (no new
 * block, no event, balances and supply as before).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String GENESIS = "genesis-1";
    private static final String ACTIVE = "active-1";
    private static final String PAYER = "payer-1";
    private static final String PAYEE = "payee-1";
    private static final String SUSPENDED = "suspended-1";
    private static final String CYCLE = "cycle-1";
    private static final String TRANSFER = "transfer-1";
    private static final String UNKNOWN = "nobody";
    private static final String CHANNEL = "channel-1";
    private static final String CLOSED_CHANNEL = "channel-2";
    private static final PaywordChain CHAIN = PaywordChain.fromSeed(new byte[32], 10);
    private static final String FAR = "4102444800000";
    private static final String HASH = "a".repeat(64);
    private static final String ROOT = "b".repeat(64);
    private static final String LONG_TEXT = "x".repeat(281);
    private static final String LONG_ID = "i".repeat(65);
    private static final Set<String> QUERIES = Set.of(
            Transaction.GET_MEMBER.wireName(),
            Transaction.LIST_RECOMMENDEES.wireName(),
            Transaction.GET_CURRENT_POLICY.wireName(),
            Transaction.GET_POLICY.wireName(),
            Transaction.GET_CYCLE.wireName(),
            Transaction.GET_REWARD_ENTRY.wireName(),
            Transaction.GET_REWARD_HISTORY.wireName(),
            Transaction.GET_BALANCE.wireName(),
            Transaction.GET_TRANSFER.wireName(),
            Transaction.GET_TRANSFER_HISTORY.wireName(),
            Transaction.GET_TOTAL_SUPPLY.wireName(),
            Transaction.GET_CHANNEL.wireName(),
            Transaction.GET_CHANNEL_HISTORY.wireName());

    private EmbeddedLedger ledger;

    @BeforeAll
    void openLedgerWithFixture() {
        ledger = EmbeddedLedger.builder().identity(LedgerIdentity.operator()).open();
        ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName());
        ledger.submit(Transaction.PUBLISH_POLICY.wireName(), LedgerContractSuite.DEFAULT_POLICY);
        ledger.submit(Transaction.REGISTER_GENESIS_MEMBER.wireName(), GENESIS, HASH);
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), ACTIVE, Fresh.accountHash(), GENESIS);
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), PAYER, Fresh.accountHash(), GENESIS);
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), PAYEE, Fresh.accountHash(), GENESIS);
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), SUSPENDED, Fresh.accountHash(), GENESIS);
        ledger.submit(Transaction.SUSPEND_MEMBER.wireName(), SUSPENDED, "fixture");
        ledger.submit(
                Transaction.PAY_REWARD_CHUNK.wireName(), chunk(CYCLE, 3, entry(PAYER, 1000), entry(SUSPENDED, 50)));
        ledger.submit(Transaction.TRANSFER.wireName(), TRANSFER, PAYER, PAYEE, "100", "");
        ledger.submit(Transaction.OPEN_CHANNEL.wireName(), CHANNEL, PAYEE, GENESIS, "1", "10", CHAIN.root(), FAR);
        ledger.submit(Transaction.REDEEM.wireName(), CHANNEL, GENESIS, "2", CHAIN.word(2));
        ledger.submit(
                Transaction.OPEN_CHANNEL.wireName(), CLOSED_CHANNEL, PAYEE, GENESIS, "1", "10", CHAIN.root(), FAR);
        ledger.submit(Transaction.CLOSE_CHANNEL.wireName(), CLOSED_CHANNEL, GENESIS);
    }

    @AfterAll
    void closeLedger() {
        ledger.close();
    }

    record BadInput(String code, String mentions, String transaction, List<String> args) {

        @Override
        public String toString() {
            return transaction
                    + args.stream()
                            .map(a -> a.length() > 40 ? a.substring(0, 40) + "..." : a)
                            .toList() + " -> " + code;
        }
    }

    Stream<BadInput> badInputs() {
        final List<BadInput> cases = new ArrayList<>();
        // members:RegisterGenesisMember
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.REGISTER_GENESIS_MEMBER.wireName(), "bad id", HASH);
        add(
                cases,
                "INVALID_ARGUMENT",
                "memberId",
                Transaction.REGISTER_GENESIS_MEMBER.wireName(),
                "",
                Fresh.accountHash());
        add(
                cases,
                "INVALID_ARGUMENT",
                "memberId",
                Transaction.REGISTER_GENESIS_MEMBER.wireName(),
                LONG_ID,
                Fresh.accountHash());
        add(
                cases,
                "INVALID_ARGUMENT",
                "accountHash",
                Transaction.REGISTER_GENESIS_MEMBER.wireName(),
                "g2",
                HASH.toUpperCase());
        add(cases, "INVALID_ARGUMENT", "accountHash", Transaction.REGISTER_GENESIS_MEMBER.wireName(), "g2", "abc");
        add(cases, "INVALID_ARGUMENT", "accountHash", Transaction.REGISTER_GENESIS_MEMBER.wireName(), "g2", "");
        add(cases, "ACCOUNT_ALREADY_REGISTERED", HASH, Transaction.REGISTER_GENESIS_MEMBER.wireName(), "g2", HASH);
        add(
                cases,
                "MEMBER_EXISTS",
                ACTIVE,
                Transaction.REGISTER_GENESIS_MEMBER.wireName(),
                ACTIVE,
                Fresh.accountHash());
        // members:RegisterMember
        add(
                cases,
                "INVALID_ARGUMENT",
                "memberId",
                Transaction.REGISTER_MEMBER.wireName(),
                "m/2",
                Fresh.accountHash(),
                GENESIS);
        add(
                cases,
                "INVALID_ARGUMENT",
                "recommenderId",
                Transaction.REGISTER_MEMBER.wireName(),
                "m2",
                Fresh.accountHash(),
                " ");
        add(
                cases,
                "INVALID_ARGUMENT",
                "accountHash",
                Transaction.REGISTER_MEMBER.wireName(),
                "m2",
                "g".repeat(64),
                GENESIS);
        add(cases, "SELF_REFERRAL", "m2", Transaction.REGISTER_MEMBER.wireName(), "m2", Fresh.accountHash(), "m2");
        add(
                cases,
                "RECOMMENDER_NOT_FOUND",
                UNKNOWN,
                Transaction.REGISTER_MEMBER.wireName(),
                "m2",
                Fresh.accountHash(),
                UNKNOWN);
        add(
                cases,
                "RECOMMENDER_NOT_VERIFIED",
                ACTIVE,
                Transaction.REGISTER_MEMBER.wireName(),
                "m2",
                Fresh.accountHash(),
                ACTIVE);
        add(
                cases,
                "RECOMMENDER_NOT_VERIFIED",
                SUSPENDED,
                Transaction.REGISTER_MEMBER.wireName(),
                "m2",
                Fresh.accountHash(),
                SUSPENDED);
        add(cases, "ACCOUNT_ALREADY_REGISTERED", HASH, Transaction.REGISTER_MEMBER.wireName(), "m2", HASH, GENESIS);
        add(cases, "MEMBER_EXISTS", PAYER, Transaction.REGISTER_MEMBER.wireName(), PAYER, Fresh.accountHash(), GENESIS);
        // members:VerifyMember, SuspendMember, ReinstateMember, GetMember, ListRecommendees
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.VERIFY_MEMBER.wireName(), "m 2");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.VERIFY_MEMBER.wireName(), UNKNOWN);
        add(cases, "INVALID_STATUS_TRANSITION", SUSPENDED, Transaction.VERIFY_MEMBER.wireName(), SUSPENDED);
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.SUSPEND_MEMBER.wireName(), LONG_ID, "reason");
        add(cases, "INVALID_ARGUMENT", "reason", Transaction.SUSPEND_MEMBER.wireName(), ACTIVE, "");
        add(cases, "INVALID_ARGUMENT", "reason", Transaction.SUSPEND_MEMBER.wireName(), ACTIVE, "   ");
        add(cases, "INVALID_ARGUMENT", "reason", Transaction.SUSPEND_MEMBER.wireName(), ACTIVE, LONG_TEXT);
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.SUSPEND_MEMBER.wireName(), UNKNOWN, "reason");
        add(cases, "INVALID_STATUS_TRANSITION", SUSPENDED, Transaction.SUSPEND_MEMBER.wireName(), SUSPENDED, "again");
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.REINSTATE_MEMBER.wireName(), "");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.REINSTATE_MEMBER.wireName(), UNKNOWN);
        add(cases, "INVALID_STATUS_TRANSITION", ACTIVE, Transaction.REINSTATE_MEMBER.wireName(), ACTIVE);
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.GET_MEMBER.wireName(), "a.b");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.GET_MEMBER.wireName(), UNKNOWN);
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.LIST_RECOMMENDEES.wireName(), GENESIS, "0", "");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.LIST_RECOMMENDEES.wireName(), GENESIS, "1001", "");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.LIST_RECOMMENDEES.wireName(), GENESIS, "ten", "");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.LIST_RECOMMENDEES.wireName(), GENESIS, "", "");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.LIST_RECOMMENDEES.wireName(), GENESIS, "2.5", "");
        add(
                cases,
                "INVALID_ARGUMENT",
                "bookmark",
                Transaction.LIST_RECOMMENDEES.wireName(),
                GENESIS,
                "10",
                "somewhere");
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.LIST_RECOMMENDEES.wireName(), "?", "10", "");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.LIST_RECOMMENDEES.wireName(), UNKNOWN, "10", "");
        // policies
        final String policy = LedgerContractSuite.DEFAULT_POLICY;
        add(cases, "MALFORMED_JSON", "policyJson", Transaction.PUBLISH_POLICY.wireName(), "");
        add(cases, "MALFORMED_JSON", "policyJson", Transaction.PUBLISH_POLICY.wireName(), "policy");
        add(cases, "MALFORMED_JSON", "policyJson", Transaction.PUBLISH_POLICY.wireName(), "[]");
        add(cases, "MALFORMED_JSON", "policyJson", Transaction.PUBLISH_POLICY.wireName(), policy.replace("}]", "}"));
        for (final String field :
                List.of("baseRewardUnits", "levelWeightBps", "maxDepth", "payoutShareBps", "tiers", "version")) {
            add(cases, "MALFORMED_JSON", field, Transaction.PUBLISH_POLICY.wireName(), withoutField(policy, field));
        }
        add(
                cases,
                "MALFORMED_JSON",
                "baseRewardUnits",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"baseRewardUnits\":10000", "\"baseRewardUnits\":100.5"));
        add(
                cases,
                "MALFORMED_JSON",
                "maxDepth",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"maxDepth\":3", "\"maxDepth\":\"3\""));
        add(
                cases,
                "MALFORMED_JSON",
                "tiers[0].rateBps",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replaceFirst("\"rateBps\":10000", "\"rateBps\":1e4"));
        add(
                cases,
                "MALFORMED_JSON",
                "color",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("{\"base", "{\"color\":1,\"base"));
        add(
                cases,
                "MALFORMED_JSON",
                "policyJson",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("{\"base", "{\"version\":2,\"base"));
        add(
                cases,
                "POLICY_INVALID",
                "maxDepth",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"maxDepth\":3", "\"maxDepth\":0"));
        add(
                cases,
                "POLICY_INVALID",
                "baseRewardUnits",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"baseRewardUnits\":10000", "\"baseRewardUnits\":-1"));
        add(
                cases,
                "POLICY_VERSION_CONFLICT",
                "version",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"version\":1", "\"version\":3"));
        add(
                cases,
                "POLICY_VERSION_CONFLICT",
                "content hash",
                Transaction.PUBLISH_POLICY.wireName(),
                policy.replace("\"baseRewardUnits\":10000", "\"baseRewardUnits\":10001"));
        add(cases, "INVALID_ARGUMENT", "version", Transaction.GET_POLICY.wireName(), "one");
        add(cases, "INVALID_ARGUMENT", "version", Transaction.GET_POLICY.wireName(), "0");
        add(cases, "INVALID_ARGUMENT", "version", Transaction.GET_POLICY.wireName(), "-1");
        add(cases, "INVALID_ARGUMENT", "version", Transaction.GET_POLICY.wireName(), "99999999999");
        add(cases, "POLICY_NOT_FOUND", "2", Transaction.GET_POLICY.wireName(), "2");
        // rewards:PayRewardChunk
        final String good = chunk("cycle-2", 2, entry(ACTIVE, 10));
        add(cases, "MALFORMED_JSON", "chunkJson", Transaction.PAY_REWARD_CHUNK.wireName(), "");
        add(cases, "MALFORMED_JSON", "chunkJson", Transaction.PAY_REWARD_CHUNK.wireName(), "{\"cycleId\":");
        add(cases, "MALFORMED_JSON", "chunkJson", Transaction.PAY_REWARD_CHUNK.wireName(), "42");
        for (final String field : List.of(
                "cycleId",
                "policyVersion",
                "merkleRoot",
                "cycleStart",
                "cycleEnd",
                "entryCount",
                "entries",
                "chunkIndex",
                "chunkStarts")) {
            add(cases, "MALFORMED_JSON", field, Transaction.PAY_REWARD_CHUNK.wireName(), withoutField(good, field));
        }
        for (final String field : List.of("amount", "events", "level", "memberId", "rateBps", "scoreBps")) {
            add(
                    cases,
                    "MALFORMED_JSON",
                    "entries[0]." + field,
                    Transaction.PAY_REWARD_CHUNK.wireName(),
                    withoutField(good, field));
        }
        add(
                cases,
                "MALFORMED_JSON",
                "entries[0].amount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"amount\":10", "\"amount\":10.0"));
        add(
                cases,
                "MALFORMED_JSON",
                "entries[0].amount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"amount\":10", "\"amount\":\"10\""));
        add(
                cases,
                "MALFORMED_JSON",
                "entries[0].amount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"amount\":10", "\"amount\":9223372036854775808"));
        add(
                cases,
                "MALFORMED_JSON",
                "entries",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"entries\":[", "\"entries\":[1,"));
        add(
                cases,
                "MALFORMED_JSON",
                "bonus",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"amount\"", "\"bonus\":1,\"amount\""));
        add(
                cases,
                "INVALID_ARGUMENT",
                "cycleId",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("cycle-2", "cycle 2"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "merkleRoot",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace(ROOT, "B".repeat(64)));
        add(
                cases,
                "INVALID_ARGUMENT",
                "entries[0].memberId",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace(ACTIVE, "a b"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "policyVersion",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"policyVersion\":1", "\"policyVersion\":0"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "cycleEnd",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"cycleEnd\":2000", "\"cycleEnd\":1000"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "cycleStart",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"cycleStart\":1000", "\"cycleStart\":-1"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "entryCount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk("cycle-2", 1, entry(ACTIVE, 1), entry(PAYER, 1)));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].amount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"amount\":10", "\"amount\":-10"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].events",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"events\":1", "\"events\":-1"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].scoreBps",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"scoreBps\":10000", "\"scoreBps\":-5"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].level",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"level\":1", "\"level\":0"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].level",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"level\":1", "\"level\":6"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[0].rateBps",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"rateBps\":10000", "\"rateBps\":12500"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "twice",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk("cycle-2", 2, entry(ACTIVE, 1), entry(ACTIVE, 1)));
        add(
                cases,
                "MEMBER_NOT_FOUND",
                UNKNOWN,
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk("cycle-2", 2, entry(ACTIVE, 1), entry(UNKNOWN, 1)));
        add(
                cases,
                "POLICY_NOT_FOUND",
                "7",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"policyVersion\":1", "\"policyVersion\":7"));
        add(
                cases,
                "CYCLE_MISMATCH",
                "entryCount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk(CYCLE, 4, entry(ACTIVE, 1)));
        add(
                cases,
                "CYCLE_MISMATCH",
                "merkleRoot",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk(CYCLE, 3, entry(ACTIVE, 1)).replace(ROOT, "c".repeat(64)));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "entries[1].amount",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk("cycle-2", 2, entry(ACTIVE, 1), entry(PAYEE, PolicyLimits.MAX_REWARD_AMOUNT + 1)));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "at most",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                chunk("cycle-2", 1, entry(ACTIVE, Long.MAX_VALUE)));
        add(
                cases,
                "INVALID_ARGUMENT",
                "chunkStarts[0]",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkStarts\":[\"\"]", "\"chunkStarts\":[\"a\"]"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "strictly increase",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkStarts\":[\"\"]", "\"chunkStarts\":[\"\",\"b\",\"a\"]")
                        .replace("\"entryCount\":2", "\"entryCount\":3"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "chunkStarts[1]",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkStarts\":[\"\"]", "\"chunkStarts\":[\"\",\"a b\"]"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "at most one per entry",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkStarts\":[\"\"]", "\"chunkStarts\":[\"\",\"a\",\"b\"]"));
        add(
                cases,
                "INVALID_ARGUMENT",
                "chunkIndex",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkIndex\":0", "\"chunkIndex\":1"));
        add(
                cases,
                "REWARD_ENTRY_INVALID",
                "outside chunk 0",
                Transaction.PAY_REWARD_CHUNK.wireName(),
                good.replace("\"chunkStarts\":[\"\"]", "\"chunkStarts\":[\"\",\"" + ACTIVE + "\"]"));
        // rewards: sealing
        add(cases, "INVALID_ARGUMENT", "cycleId", Transaction.SEAL_CYCLE.wireName(), "c/1");
        add(cases, "CYCLE_NOT_FOUND", "cycle-9", Transaction.SEAL_CYCLE.wireName(), "cycle-9");
        add(cases, "CYCLE_INCOMPLETE", "cycle-1", Transaction.SEAL_CYCLE.wireName(), CYCLE);
        // rewards: holds and queries
        add(cases, "INVALID_ARGUMENT", "cycleId", Transaction.RELEASE_HOLD.wireName(), "c/1", SUSPENDED);
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.RELEASE_HOLD.wireName(), CYCLE, "");
        add(cases, "CYCLE_NOT_FOUND", "cycle-9", Transaction.RELEASE_HOLD.wireName(), "cycle-9", SUSPENDED);
        add(cases, "HOLD_NOT_FOUND", PAYER, Transaction.RELEASE_HOLD.wireName(), CYCLE, PAYER);
        add(cases, "HOLD_NOT_FOUND", ACTIVE, Transaction.RELEASE_HOLD.wireName(), CYCLE, ACTIVE);
        add(cases, "INVALID_ARGUMENT", "cycleId", Transaction.FORFEIT_HOLD.wireName(), LONG_ID, SUSPENDED);
        add(cases, "CYCLE_NOT_FOUND", "cycle-9", Transaction.FORFEIT_HOLD.wireName(), "cycle-9", SUSPENDED);
        add(cases, "HOLD_NOT_FOUND", PAYER, Transaction.FORFEIT_HOLD.wireName(), CYCLE, PAYER);
        add(cases, "INVALID_ARGUMENT", "cycleId", Transaction.GET_CYCLE.wireName(), "");
        add(cases, "CYCLE_NOT_FOUND", "cycle-9", Transaction.GET_CYCLE.wireName(), "cycle-9");
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.GET_REWARD_ENTRY.wireName(), CYCLE, "a b");
        add(cases, "CYCLE_NOT_FOUND", "cycle-9", Transaction.GET_REWARD_ENTRY.wireName(), "cycle-9", PAYER);
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.GET_REWARD_ENTRY.wireName(), CYCLE, UNKNOWN);
        add(cases, "REWARD_ENTRY_NOT_FOUND", ACTIVE, Transaction.GET_REWARD_ENTRY.wireName(), CYCLE, ACTIVE);
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.GET_REWARD_HISTORY.wireName(), PAYER, "-1", "");
        add(cases, "INVALID_ARGUMENT", "bookmark", Transaction.GET_REWARD_HISTORY.wireName(), PAYER, "5", "x");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.GET_REWARD_HISTORY.wireName(), UNKNOWN, "5", "");
        // money:Transfer
        add(cases, "INVALID_ARGUMENT", "transferId", Transaction.TRANSFER.wireName(), "t 2", PAYER, PAYEE, "1", "");
        add(cases, "INVALID_ARGUMENT", "fromMemberId", Transaction.TRANSFER.wireName(), "t2", "", PAYEE, "1", "");
        add(cases, "INVALID_ARGUMENT", "toMemberId", Transaction.TRANSFER.wireName(), "t2", PAYER, LONG_ID, "1", "");
        add(cases, "INVALID_AMOUNT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "0", "");
        add(cases, "INVALID_AMOUNT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "-5", "");
        add(cases, "INVALID_ARGUMENT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "five", "");
        add(cases, "INVALID_ARGUMENT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "1.5", "");
        add(cases, "INVALID_ARGUMENT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "", "");
        add(cases, "INVALID_ARGUMENT", "amount", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "1e3", "");
        add(
                cases,
                "INVALID_ARGUMENT",
                "amount",
                Transaction.TRANSFER.wireName(),
                "t2",
                PAYER,
                PAYEE,
                "9223372036854775808",
                "");
        add(cases, "INVALID_ARGUMENT", "memo", Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "1", LONG_TEXT);
        add(cases, "SELF_TRANSFER", PAYER, Transaction.TRANSFER.wireName(), "t2", PAYER, PAYER, "1", "");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.TRANSFER.wireName(), "t2", UNKNOWN, PAYEE, "1", "");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.TRANSFER.wireName(), "t2", PAYER, UNKNOWN, "1", "");
        add(cases, "MEMBER_SUSPENDED", SUSPENDED, Transaction.TRANSFER.wireName(), "t2", SUSPENDED, PAYEE, "1", "");
        add(cases, "MEMBER_SUSPENDED", SUSPENDED, Transaction.TRANSFER.wireName(), "t2", PAYER, SUSPENDED, "1", "");
        add(cases, "INSUFFICIENT_FUNDS", PAYER, Transaction.TRANSFER.wireName(), "t2", PAYER, PAYEE, "901", "");
        add(cases, "INSUFFICIENT_FUNDS", ACTIVE, Transaction.TRANSFER.wireName(), "t2", ACTIVE, PAYEE, "1", "");
        add(
                cases,
                "TRANSFER_ID_CONFLICT",
                TRANSFER,
                Transaction.TRANSFER.wireName(),
                TRANSFER,
                PAYER,
                PAYEE,
                "101",
                "");
        // money queries
        add(cases, "INVALID_ARGUMENT", "memberId", Transaction.GET_BALANCE.wireName(), "");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.GET_BALANCE.wireName(), UNKNOWN);
        add(cases, "INVALID_ARGUMENT", "transferId", Transaction.GET_TRANSFER.wireName(), "t/1");
        add(cases, "TRANSFER_NOT_FOUND", "t-9", Transaction.GET_TRANSFER.wireName(), "t-9");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.GET_TRANSFER_HISTORY.wireName(), PAYER, "1000000", "");
        add(
                cases,
                "INVALID_ARGUMENT",
                "bookmark",
                Transaction.GET_TRANSFER_HISTORY.wireName(),
                PAYER,
                "5",
                "\u0000member\u0000");
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, Transaction.GET_TRANSFER_HISTORY.wireName(), UNKNOWN, "5", "");
        channelCases(cases);
        return cases.stream();
    }

    private static void channelCases(final List<BadInput> cases) {
        final String root = CHAIN.root();
        final String open = Transaction.OPEN_CHANNEL.wireName();
        add(cases, "INVALID_ARGUMENT", "channelId", open, "c 1", PAYEE, GENESIS, "1", "10", root, FAR);
        add(cases, "INVALID_ARGUMENT", "payerId", open, "c3", "", GENESIS, "1", "10", root, FAR);
        add(cases, "INVALID_ARGUMENT", "payeeId", open, "c3", PAYEE, LONG_ID, "1", "10", root, FAR);
        add(cases, "INVALID_AMOUNT", "unit", open, "c3", PAYEE, GENESIS, "0", "10", root, FAR);
        add(cases, "INVALID_ARGUMENT", "unit", open, "c3", PAYEE, GENESIS, "1.5", "10", root, FAR);
        add(cases, "INVALID_ARGUMENT", "chainLength", open, "c3", PAYEE, GENESIS, "1", "0", root, FAR);
        add(cases, "INVALID_ARGUMENT", "chainLength", open, "c3", PAYEE, GENESIS, "1", "1000001", root, FAR);
        add(cases, "INVALID_ARGUMENT", "root", open, "c3", PAYEE, GENESIS, "1", "10", root.toUpperCase(), FAR);
        add(cases, "INVALID_ARGUMENT", "expiresAt", open, "c3", PAYEE, GENESIS, "1", "10", root, "soon");
        add(cases, "INVALID_ARGUMENT", "expiresAt", open, "c3", PAYEE, GENESIS, "1", "10", root, "-1");
        add(cases, "CHANNEL_EXPIRED", "expiresAt", open, "c3", PAYEE, GENESIS, "1", "10", root, "1000");
        add(cases, "SELF_TRANSFER", PAYEE, open, "c3", PAYEE, PAYEE, "1", "10", root, FAR);
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, open, "c3", UNKNOWN, GENESIS, "1", "10", root, FAR);
        add(cases, "MEMBER_NOT_FOUND", UNKNOWN, open, "c3", PAYEE, UNKNOWN, "1", "10", root, FAR);
        add(cases, "MEMBER_SUSPENDED", SUSPENDED, open, "c3", PAYEE, SUSPENDED, "1", "10", root, FAR);
        add(cases, "MEMBER_SUSPENDED", SUSPENDED, open, "c3", SUSPENDED, PAYEE, "1", "10", root, FAR);
        add(cases, "INSUFFICIENT_FUNDS", PAYEE, open, "c3", PAYEE, GENESIS, "10", "10", root, FAR);
        add(cases, "AMOUNT_OVERFLOW", "c3", open, "c3", PAYEE, GENESIS, "4611686018427387904", "10", root, FAR);
        add(cases, "CHANNEL_EXISTS", CHANNEL, open, CHANNEL, PAYEE, GENESIS, "2", "10", root, FAR);
        final String redeem = Transaction.REDEEM.wireName();
        add(cases, "INVALID_ARGUMENT", "channelId", redeem, "", GENESIS, "3", CHAIN.word(3));
        add(cases, "INVALID_ARGUMENT", "payeeId", redeem, CHANNEL, "a/b", "3", CHAIN.word(3));
        add(cases, "INVALID_ARGUMENT", "index", redeem, CHANNEL, GENESIS, "0", CHAIN.word(3));
        add(cases, "INVALID_ARGUMENT", "index", redeem, CHANNEL, GENESIS, "three", CHAIN.word(3));
        add(cases, "INVALID_ARGUMENT", "payword", redeem, CHANNEL, GENESIS, "3", "zz");
        add(cases, "CHANNEL_NOT_FOUND", "c-9", redeem, "c-9", GENESIS, "3", CHAIN.word(3));
        add(cases, "CHANNEL_PARTY_MISMATCH", PAYEE, redeem, CHANNEL, PAYEE, "3", CHAIN.word(3));
        add(cases, "CHANNEL_CLOSED", CLOSED_CHANNEL, redeem, CLOSED_CHANNEL, GENESIS, "3", CHAIN.word(3));
        add(cases, "PAYWORD_BEYOND_CHAIN", "11", redeem, CHANNEL, GENESIS, "11", CHAIN.word(10));
        add(cases, "PAYWORD_REPLAYED", "2", redeem, CHANNEL, GENESIS, "2", CHAIN.word(2));
        add(cases, "PAYWORD_REPLAYED", "1", redeem, CHANNEL, GENESIS, "1", CHAIN.word(1));
        add(cases, "PAYWORD_INVALID", CHAIN.word(4), redeem, CHANNEL, GENESIS, "3", CHAIN.word(4));
        add(cases, "PAYWORD_INVALID", HASH, redeem, CHANNEL, GENESIS, "3", HASH);
        final String close = Transaction.CLOSE_CHANNEL.wireName();
        add(cases, "INVALID_ARGUMENT", "actorId", close, CHANNEL, "");
        add(cases, "CHANNEL_NOT_FOUND", "c-9", close, "c-9", GENESIS);
        add(cases, "CHANNEL_PARTY_MISMATCH", PAYER, close, CHANNEL, PAYER);
        add(cases, "CHANNEL_NOT_EXPIRED", PAYEE, close, CHANNEL, PAYEE);
        add(cases, "CHANNEL_CLOSED", CLOSED_CHANNEL, close, CLOSED_CHANNEL, GENESIS);
        add(cases, "INVALID_ARGUMENT", "channelId", Transaction.GET_CHANNEL.wireName(), LONG_ID);
        add(cases, "CHANNEL_NOT_FOUND", "c-9", Transaction.GET_CHANNEL.wireName(), "c-9");
        add(cases, "INVALID_ARGUMENT", "pageSize", Transaction.GET_CHANNEL_HISTORY.wireName(), CHANNEL, "0", "");
        add(cases, "INVALID_ARGUMENT", "bookmark", Transaction.GET_CHANNEL_HISTORY.wireName(), CHANNEL, "5", "x");
        add(cases, "CHANNEL_NOT_FOUND", "c-9", Transaction.GET_CHANNEL_HISTORY.wireName(), "c-9", "5", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refuses_bad_input_with_its_exact_code_and_commits_nothing(final BadInput input) {
        final State before = state();

        final LedgerException refusal = catchThrowableOfType(LedgerException.class, () -> {
            if (QUERIES.contains(input.transaction())) {
                ledger.evaluate(input.transaction(), input.args().toArray(String[]::new));
            } else {
                ledger.submit(input.transaction(), input.args().toArray(String[]::new));
            }
        });

        assertThat(refusal).as("refusal").isNotNull();
        assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(input.code());
        assertThat(refusal.getMessage()).startsWith(input.code() + ": ").contains(input.mentions());
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_missing_argument_is_refused_by_the_contract_router_and_commits_nothing() {
        final State before = state();

        final LedgerException refusal = catchThrowableOfType(
                LedgerException.class, () -> ledger.submit(Transaction.TRANSFER.wireName(), "t3", PAYER));

        assertThat(refusal).isNotNull();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_fresh_ledger_has_no_policy_and_no_supply() {
        try (EmbeddedLedger fresh =
                EmbeddedLedger.builder().identity(LedgerIdentity.operator()).open()) {
            final LedgerException refusal = catchThrowableOfType(
                    LedgerException.class, () -> fresh.evaluate(Transaction.GET_CURRENT_POLICY.wireName()));

            assertThat(refusal.code()).isEqualTo("POLICY_NOT_FOUND");
            assertThat(LedgerDriver.parse(fresh.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName()))
                            .get("totalSupply")
                            .asLong())
                    .isZero();
        }
    }

    /** What a refused transaction must leave alone. */
    record State(long height, int events, String balances, String supply, String cycle) {}

    private State state() {
        final StringBuilder balances = new StringBuilder();
        for (final String member : List.of(GENESIS, ACTIVE, PAYER, PAYEE, SUSPENDED)) {
            balances.append(new String(ledger.evaluate(Transaction.GET_BALANCE.wireName(), member)));
        }
        return new State(
                ledger.worldState().height(),
                ledger.worldState().events().size(),
                balances.toString(),
                new String(ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName())),
                new String(ledger.evaluate(Transaction.GET_CYCLE.wireName(), CYCLE))
                        + new String(ledger.evaluate(Transaction.GET_CHANNEL.wireName(), CHANNEL))
                        + new String(ledger.evaluate(Transaction.GET_CHANNEL.wireName(), CLOSED_CHANNEL)));
    }

    private static void add(
            final List<BadInput> cases,
            final String code,
            final String mentions,
            final String transaction,
            final String... args) {
        cases.add(new BadInput(code, mentions, transaction, List.of(args)));
    }

    private static String entry(final String memberId, final long amount) {
        return "{\"amount\":%d,\"events\":1,\"level\":1,\"memberId\":\"%s\",\"rateBps\":10000,\"scoreBps\":10000}"
                .formatted(amount, memberId);
    }

    private static String chunk(final String cycleId, final int entryCount, final String... entries) {
        return ("{\"chunkIndex\":0,\"chunkStarts\":[\"\"],\"cycleEnd\":2000,\"cycleId\":\"%s\",\"cycleStart\":1000,\"entries\":[%s],\"entryCount\":%d,"
                        + "\"merkleRoot\":\"%s\",\"policyVersion\":1}")
                .formatted(cycleId, String.join(",", entries), entryCount, ROOT);
    }

    /** Removes {@code "field":value} (a scalar, array or object value) from compact or policy JSON text. */
    private static String withoutField(final String json, final String field) {
        final String withoutComma = json.replaceFirst("\"" + field + "\":(\\[[^\\]]*]|\\{[^}]*}|[^,}\\]]+),", "");
        final String result = withoutComma.equals(json)
                ? json.replaceFirst(",\\s*\"" + field + "\":(\\[[^\\]]*]|\\{[^}]*}|[^,}\\]]+)", "")
                : withoutComma;
        assertThat(result).as("removing %s", field).isNotEqualTo(json);
        return result;
    }
}
