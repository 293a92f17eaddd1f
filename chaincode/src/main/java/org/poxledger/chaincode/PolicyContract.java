package org.poxledger.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.poxledger.contract.ContractNames;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Policy;
import org.poxledger.contract.model.PolicyPointer;
import org.poxledger.contract.model.PolicyRecord;

/**
 * Versioned reward policies (DESIGN §6): each published with the SHA-256 of its canonical JSON, so anyone can check
 * which rules a cycle was computed with. Versions are consecutive and never change once published.
 */
@Contract(
        name = ContractNames.POLICIES,
        info =
                @Info(
                        title = "PoX reward policies",
                        description = "Published, versioned reward policies",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class PolicyContract implements ContractInterface {

    static final String POLICY_PUBLISHED = "PolicyPublished";

    private final AccessPolicy access;

    public PolicyContract() {
        this(AccessPolicy.fromEnvironment());
    }

    PolicyContract(final AccessPolicy access) {
        this.access = access;
    }

    /**
     * Publishes the next policy version. Publishing a version again with the same content returns the stored record
     * without an event.
     *
     * @param ctx the transaction context
     * @param policyJson the policy, see the wire contract for its shape and rules
     * @return the PolicyRecord JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PublishPolicy(final Context ctx, final String policyJson) {
        access.requireOperator(ctx);
        final Policy policy = PolicyRules.parse(policyJson);
        final String contentHash = PolicyRules.contentHash(policy);

        final ChaincodeStub stub = ctx.getStub();
        final Optional<PolicyRecord> existing = PolicyRecords.find(stub, policy.version());
        if (existing.isPresent()) {
            if (existing.get().contentHash().equals(contentHash)) {
                return LedgerJson.text(existing.get());
            }
            throw LedgerRefusal.of(
                    ErrorCode.POLICY_VERSION_CONFLICT,
                    "policy version %d is already published with content hash %s; this policy hashes to %s",
                    policy.version(),
                    existing.get().contentHash(),
                    contentHash);
        }
        final int current = PolicyRecords.currentVersion(stub);
        if (policy.version() != current + 1) {
            throw LedgerRefusal.of(
                    ErrorCode.POLICY_VERSION_CONFLICT,
                    "policy version %d cannot be published: the current version is %d, so the next must be %d",
                    policy.version(),
                    current,
                    current + 1);
        }
        final PolicyRecord record = new PolicyRecord(
                contentHash, policy, stub.getTxTimestamp().toEpochMilli(), stub.getTxId(), policy.version());
        stub.putState(LedgerKeys.policy(stub, policy.version()), LedgerJson.bytes(record));
        stub.putState(LedgerKeys.CURRENT_POLICY, LedgerJson.bytes(new PolicyPointer(policy.version())));
        stub.setEvent(POLICY_PUBLISHED, LedgerJson.bytes(record));
        return LedgerJson.text(record);
    }

    /**
     * @param ctx the transaction context
     * @return the PolicyRecord JSON of the latest version
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetCurrentPolicy(final Context ctx) {
        final ChaincodeStub stub = ctx.getStub();
        final int current = PolicyRecords.currentVersion(stub);
        if (current == 0) {
            throw LedgerRefusal.of(ErrorCode.POLICY_NOT_FOUND, "no policy has been published yet");
        }
        return LedgerJson.text(PolicyRecords.require(stub, current));
    }

    /**
     * @param ctx the transaction context
     * @param version the policy version, a positive integer
     * @return the PolicyRecord JSON
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPolicy(final Context ctx, final String version) {
        final int number = Arguments.positiveInt("version", version);
        return LedgerJson.text(PolicyRecords.require(ctx.getStub(), number));
    }
}
