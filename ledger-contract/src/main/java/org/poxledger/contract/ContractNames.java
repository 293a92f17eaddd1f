package org.poxledger.contract;

/** The chaincode's contract names, constants so that {@code @Contract(name = ...)} can use them. */
public final class ContractNames {

    public static final String MEMBERS = "members";
    public static final String POLICIES = "policies";
    public static final String REWARDS = "rewards";
    public static final String MONEY = "money";
    public static final String CHANNELS = "channels";

    private ContractNames() {}
}
