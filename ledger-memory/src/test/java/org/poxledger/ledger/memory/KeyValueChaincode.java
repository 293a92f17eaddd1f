package org.poxledger.ledger.memory;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/** A plain (non contract API) chaincode: {@code put key value} and {@code del key}, to drive raw state changes. */
final class KeyValueChaincode implements Chaincode {

    @Override
    public Response init(final ChaincodeStub stub) {
        return invoke(stub);
    }

    @Override
    public Response invoke(final ChaincodeStub stub) {
        final List<String> parameters = stub.getParameters();
        switch (stub.getFunction()) {
            case "put" -> stub.putState(parameters.get(0), parameters.get(1).getBytes(UTF_8));
            case "del" -> stub.delState(parameters.get(0));
            default -> {
                return ResponseUtils.newErrorResponse("UNKNOWN_FUNCTION: " + stub.getFunction());
            }
        }
        return ResponseUtils.newSuccessResponse();
    }
}
