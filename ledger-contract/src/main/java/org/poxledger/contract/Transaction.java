package org.poxledger.contract;

/**
 * Every transaction of the wire contract ({@code docs/ledger-wire.md}). The function name is the chaincode method's
 * name (PascalCase, the wire name); a chaincode test checks that each constant has its {@code @Transaction} method
 * with the same intent, so a renamed method or a new transaction cannot drift from this list.
 */
public enum Transaction {
    REGISTER_GENESIS_MEMBER(ContractNames.MEMBERS, "RegisterGenesisMember", Intent.SUBMIT),
    REGISTER_MEMBER(ContractNames.MEMBERS, "RegisterMember", Intent.SUBMIT),
    VERIFY_MEMBER(ContractNames.MEMBERS, "VerifyMember", Intent.SUBMIT),
    SUSPEND_MEMBER(ContractNames.MEMBERS, "SuspendMember", Intent.SUBMIT),
    REINSTATE_MEMBER(ContractNames.MEMBERS, "ReinstateMember", Intent.SUBMIT),
    GET_MEMBER(ContractNames.MEMBERS, "GetMember", Intent.EVALUATE),
    LIST_RECOMMENDEES(ContractNames.MEMBERS, "ListRecommendees", Intent.EVALUATE),

    PUBLISH_POLICY(ContractNames.POLICIES, "PublishPolicy", Intent.SUBMIT),
    GET_CURRENT_POLICY(ContractNames.POLICIES, "GetCurrentPolicy", Intent.EVALUATE),
    GET_POLICY(ContractNames.POLICIES, "GetPolicy", Intent.EVALUATE),

    PAY_REWARD_CHUNK(ContractNames.REWARDS, "PayRewardChunk", Intent.SUBMIT),
    RELEASE_HOLD(ContractNames.REWARDS, "ReleaseHold", Intent.SUBMIT),
    FORFEIT_HOLD(ContractNames.REWARDS, "ForfeitHold", Intent.SUBMIT),
    SEAL_CYCLE(ContractNames.REWARDS, "SealCycle", Intent.SUBMIT),
    GET_CYCLE(ContractNames.REWARDS, "GetCycle", Intent.EVALUATE),
    GET_REWARD_ENTRY(ContractNames.REWARDS, "GetRewardEntry", Intent.EVALUATE),
    GET_REWARD_HISTORY(ContractNames.REWARDS, "GetRewardHistory", Intent.EVALUATE),

    TRANSFER(ContractNames.MONEY, "Transfer", Intent.SUBMIT),
    GET_BALANCE(ContractNames.MONEY, "GetBalance", Intent.EVALUATE),
    GET_TRANSFER(ContractNames.MONEY, "GetTransfer", Intent.EVALUATE),
    GET_TRANSFER_HISTORY(ContractNames.MONEY, "GetTransferHistory", Intent.EVALUATE),
    GET_TOTAL_SUPPLY(ContractNames.MONEY, "GetTotalSupply", Intent.EVALUATE),

    OPEN_CHANNEL(ContractNames.CHANNELS, "OpenChannel", Intent.SUBMIT),
    OPEN_WALLET_CHANNEL(ContractNames.CHANNELS, "OpenWalletChannel", Intent.SUBMIT),
    REDEEM(ContractNames.CHANNELS, "Redeem", Intent.SUBMIT),
    REDEEM_SPLIT(ContractNames.CHANNELS, "RedeemSplit", Intent.SUBMIT),
    CERTIFY_SPENDING(ContractNames.CHANNELS, "CertifySpending", Intent.SUBMIT),
    CLOSE_CHANNEL(ContractNames.CHANNELS, "Close", Intent.SUBMIT),
    GET_CHANNEL(ContractNames.CHANNELS, "GetChannel", Intent.EVALUATE),
    GET_CHANNEL_HISTORY(ContractNames.CHANNELS, "GetChannelHistory", Intent.EVALUATE);

    /** Whether a transaction is ordered and committed (SUBMIT) or answered by one peer (EVALUATE). */
    public enum Intent {
        SUBMIT,
        EVALUATE
    }

    private final String contract;
    private final String function;
    private final Intent intent;

    Transaction(final String contract, final String function, final Intent intent) {
        this.contract = contract;
        this.function = function;
        this.intent = intent;
    }

    /** @return the contract name, e.g. {@code members} */
    public String contract() {
        return contract;
    }

    /** @return the function name, e.g. {@code RegisterMember} */
    public String function() {
        return function;
    }

    /** @return SUBMIT or EVALUATE */
    public Intent intent() {
        return intent;
    }

    /** @return {@code "contract:Function"}, the name Fabric routes, e.g. {@code members:RegisterMember} */
    public String wireName() {
        return contract + ":" + function;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
