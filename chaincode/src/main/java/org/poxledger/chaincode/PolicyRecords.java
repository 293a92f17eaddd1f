package org.poxledger.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.PolicyPointer;
import org.poxledger.contract.model.PolicyRecord;

/** Reads published policies; shared by the policy and reward contracts. */
final class PolicyRecords {

    private PolicyRecords() {}

    static Optional<PolicyRecord> find(final ChaincodeStub stub, final int version) {
        final byte[] state = stub.getState(LedgerKeys.policy(stub, version));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, PolicyRecord.class));
    }

    /**
     * @param stub the transaction's stub
     * @param version a policy version
     * @return the published policy
     * @throws org.hyperledger.fabric.shim.ChaincodeException POLICY_NOT_FOUND
     */
    static PolicyRecord require(final ChaincodeStub stub, final int version) {
        return find(stub, version)
                .orElseThrow(() ->
                        LedgerRefusal.of(ErrorCode.POLICY_NOT_FOUND, "policy version %d is not published", version));
    }

    /**
     * @param stub the transaction's stub
     * @return the latest published version, 0 when none is
     */
    static int currentVersion(final ChaincodeStub stub) {
        final byte[] state = stub.getState(LedgerKeys.CURRENT_POLICY);
        return state == null || state.length == 0
                ? 0
                : LedgerJson.read(state, PolicyPointer.class).version();
    }
}
