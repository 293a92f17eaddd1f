package org.poxledger.ledger.fabric;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** Builds gRPC errors shaped like the ones a Fabric v3 Gateway peer returns. */
final class GatewayErrors {

    private GatewayErrors() {}

    /** A peer's detail, as the Gateway attaches one per endorser or orderer it tried. */
    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }

    /** A status with the Gateway's description and per-peer details in the trailers. */
    static StatusRuntimeException grpcError(Status.Code code, String description, ErrorDetail... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(description);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** The endorse failure of a chaincode that threw {@code ChaincodeException("CODE: sentence", "CODE")}. */
    static StatusRuntimeException chaincodeRefusal(String code, String sentence) {
        return grpcError(
                Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                detail("127.0.0.1:7051", "PlatformOrgMSP", "chaincode response 500, " + code + ": " + sentence));
    }
}
