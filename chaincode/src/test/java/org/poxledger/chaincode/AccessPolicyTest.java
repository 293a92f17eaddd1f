package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poxledger.chaincode.Refusals.assertRefused;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.memory.InMemoryWorldState;
import org.poxledger.ledger.memory.LedgerIdentity;

/** Who may write: the operator MSP with OU admin or attribute pox.role=operator, nobody else. */
class AccessPolicyTest {

    private final InMemoryWorldState world = new InMemoryWorldState();

    static Stream<Arguments> operators() {
        return Stream.of(
                Arguments.of(LedgerIdentity.operator()),
                Arguments.of(LedgerIdentity.of("PlatformOrgMSP", "admin")),
                Arguments.of(LedgerIdentity.builder("PlatformOrgMSP")
                        .role("client")
                        .attribute("pox.role", "operator")
                        .build()));
    }

    static Stream<Arguments> strangers() {
        return Stream.of(
                Arguments.of(LedgerIdentity.of("PlatformOrgMSP", "client")),
                Arguments.of(LedgerIdentity.of("PlatformOrgMSP", "peer")),
                Arguments.of(LedgerIdentity.builder("PlatformOrgMSP")
                        .role("client")
                        .attribute("pox.role", "clerk")
                        .build()),
                Arguments.of(LedgerIdentity.of("AuditorOrgMSP", "client")),
                Arguments.of(LedgerIdentity.builder("AuditorOrgMSP")
                        .role("admin")
                        .attribute("pox.role", "operator")
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void lets_the_platform_operator_write(final LedgerIdentity operator) {
        final String member = world.submit(operator, ctx -> new MemberContract(new AccessPolicy("PlatformOrgMSP"))
                .RegisterGenesisMember(ctx, Fresh.id("g"), Fresh.accountHash()));

        assertThat(member).contains("\"status\":\"VERIFIED\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void refuses_every_other_identity_naming_the_transaction_and_the_caller(final LedgerIdentity stranger) {
        final long height = world.height();

        assertRefused(ErrorCode.ACCESS_DENIED, () -> world.newTransaction(stranger)
                        .function(Transaction.REGISTER_GENESIS_MEMBER.wireName())
                        .submit(ctx -> new MemberContract(new AccessPolicy("PlatformOrgMSP"))
                                .RegisterGenesisMember(ctx, "g-1", Fresh.accountHash())))
                .hasMessageContaining(Transaction.REGISTER_GENESIS_MEMBER.wireName())
                .hasMessageContaining("MSP " + stranger.mspId());
        assertThat(world.height()).isEqualTo(height);
    }

    @Test
    void the_operator_msp_is_configurable() {
        final AccessPolicy otherOrg = new AccessPolicy("OtherOrgMSP");

        final String member =
                world.submit(LedgerIdentity.of("OtherOrgMSP", "admin"), ctx -> new PolicyContract(otherOrg)
                        .PublishPolicy(ctx, LedgerContractSuite.DEFAULT_POLICY));

        assertThat(member).contains("\"version\":1");
        assertRefused(
                ErrorCode.ACCESS_DENIED,
                () -> world.submit(LedgerIdentity.operator(), ctx -> new PolicyContract(otherOrg)
                        .PublishPolicy(ctx, LedgerContractSuite.DEFAULT_POLICY)));
    }

    @Test
    void checks_access_before_looking_at_the_arguments() {
        assertRefused(
                ErrorCode.ACCESS_DENIED,
                () -> world.submit(LedgerIdentity.of("AuditorOrgMSP", "client"), ctx -> new MoneyContract(
                                new AccessPolicy("PlatformOrgMSP"))
                        .Transfer(ctx, "not an id", "", "", "-1", "x".repeat(1000))));
    }

    @Test
    void reads_are_open_to_every_channel_member() {
        world.submit(LedgerIdentity.operator(), ctx -> new MemberContract(AccessPolicy.fromEnvironment())
                .RegisterGenesisMember(ctx, "g-2", "c".repeat(64)));

        final String member = world.evaluate(
                LedgerIdentity.of("AuditorOrgMSP", "client"),
                ctx -> new MemberContract(new AccessPolicy("PlatformOrgMSP")).GetMember(ctx, "g-2"));

        assertThat(member).contains("\"memberId\":\"g-2\"");
    }
}
