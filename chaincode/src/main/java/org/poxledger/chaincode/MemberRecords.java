package org.poxledger.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Member;

/** Reads and writes {@code member~id}; shared by every contract that needs to know a member. */
final class MemberRecords {

    private MemberRecords() {}

    static Optional<Member> find(final ChaincodeStub stub, final String memberId) {
        final byte[] state = stub.getState(LedgerKeys.member(stub, memberId));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, Member.class));
    }

    /**
     * @param stub the transaction's stub
     * @param memberId an id already checked by {@link Arguments#id}
     * @return the member
     * @throws org.hyperledger.fabric.shim.ChaincodeException MEMBER_NOT_FOUND
     */
    static Member require(final ChaincodeStub stub, final String memberId) {
        return find(stub, memberId)
                .orElseThrow(() -> LedgerRefusal.of(ErrorCode.MEMBER_NOT_FOUND, "member %s does not exist", memberId));
    }

    static void put(final ChaincodeStub stub, final Member member) {
        stub.putState(LedgerKeys.member(stub, member.memberId()), LedgerJson.bytes(member));
    }
}
