package org.poxledger.ledger.fabric;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.poxledger.ledger.LedgerException;

/**
 * A failed Gateway call, read back into the ledger's error vocabulary.
 *
 * <p>The Gateway does not forward the chaincode's response payload (where the shim puts the error code), only its
 * message, wrapped as {@code "chaincode response 500, <message>"} in the per-peer error details (endorse) or in the
 * status description (evaluate). The chaincode therefore writes every message as {@code "CODE: sentence"}
 * (docs/ledger-wire.md), and this class recovers the code from that prefix.
 */
record GatewayFailure(Status status, List<ErrorDetail> details) {

    /** The chaincode's own refusal of a write by a foreign identity, also used when a peer refuses the creator. */
    static final String ACCESS_DENIED = "ACCESS_DENIED";

    /**
     * What a peer says when the chaincode service did not run the proposal to its end (Fabric's chaincode support and
     * handler): the service is down or restarting, or died mid-call. Nothing was endorsed, so the proposal may be sent
     * again as it is.
     */
    private static final List<String> CHAINCODE_DID_NOT_RUN = List.of(
            "could not launch chaincode", "chaincode stream terminated", "timeout expired while executing transaction");

    // Either the Gateway's wrapping of a chaincode error response or a message that starts with the code itself.
    private static final Pattern CHAINCODE_MESSAGE =
            Pattern.compile("(?:^|chaincode response \\d{3}, )([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*): (.+)", Pattern.DOTALL);

    GatewayFailure {
        details = List.copyOf(details);
    }

    /**
     * Translates this failure into a {@link LedgerException}.
     *
     * <ol>
     *   <li>gRPC {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED}: {@link LedgerException#LEDGER_UNAVAILABLE} (no
     *       chaincode answered, so there is no chaincode code to find);
     *   <li>a chaincode error code in a peer's message or the status description: that code and sentence;
     *   <li>gRPC {@code PERMISSION_DENIED}, or a peer refusing the creator ("access denied"): {@link #ACCESS_DENIED};
     *   <li>a peer that could not run the chaincode (service down, restarting, or dead mid-call): {@link
     *       LedgerException#LEDGER_UNAVAILABLE}, as nothing was endorsed;
     *   <li>anything else: {@link LedgerException#CHAINCODE_ERROR} with the Gateway's message and the peers' details.
     * </ol>
     *
     * @param action what was attempted, for the message, for example {@code "submit members:RegisterMember"}
     * @param transactionId the transaction id, or {@code null} when the call is not a ledger transaction
     * @param cause the Gateway exception, kept as the cause
     */
    LedgerException toLedgerException(String action, String transactionId, Throwable cause) {
        String summary = action + " failed: " + describe();
        Status.Code grpcCode = status.getCode();
        if (grpcCode != Status.Code.UNAVAILABLE && grpcCode != Status.Code.DEADLINE_EXCEEDED) {
            Optional<ChaincodeError> chaincodeError = chaincodeError();
            if (chaincodeError.isPresent()) {
                return new LedgerException(
                        chaincodeError.get().code(), chaincodeError.get().sentence(), transactionId, cause);
            }
        }
        return switch (grpcCode) {
            case UNAVAILABLE ->
                new LedgerException(
                        LedgerException.LEDGER_UNAVAILABLE, "Fabric unreachable, " + summary, transactionId, cause);
            case DEADLINE_EXCEEDED ->
                new LedgerException(
                        LedgerException.LEDGER_UNAVAILABLE,
                        "Fabric did not answer in time, " + summary
                                + (transactionId == null ? "" : " (the transaction may still commit)"),
                        transactionId,
                        cause);
            case PERMISSION_DENIED -> new LedgerException(ACCESS_DENIED, summary, transactionId, cause);
            default -> {
                if (mentionsAccessDenied()) {
                    yield new LedgerException(ACCESS_DENIED, summary, transactionId, cause);
                }
                if (chaincodeDidNotRun()) {
                    yield new LedgerException(
                            LedgerException.LEDGER_UNAVAILABLE,
                            "the chaincode service did not run the proposal, " + summary,
                            transactionId,
                            cause);
                }
                yield new LedgerException(LedgerException.CHAINCODE_ERROR, summary, transactionId, cause);
            }
        };
    }

    /** @return the chaincode's code and sentence, searched in the peers' details first, then the description */
    Optional<ChaincodeError> chaincodeError() {
        List<String> messages = new ArrayList<>();
        details.forEach(detail -> messages.add(detail.getMessage()));
        if (status.getDescription() != null) {
            messages.add(status.getDescription());
        }
        for (String message : messages) {
            Matcher matcher = CHAINCODE_MESSAGE.matcher(message.strip());
            if (matcher.find()) {
                return Optional.of(
                        new ChaincodeError(matcher.group(1), matcher.group(2).strip()));
            }
        }
        return Optional.empty();
    }

    /** @return the status and every peer's detail on one line, for messages and logs */
    String describe() {
        StringBuilder text = new StringBuilder()
                .append("gRPC ")
                .append(status.getCode())
                .append(": ")
                .append(status.getDescription() == null ? "(no description)" : status.getDescription());
        for (ErrorDetail detail : details) {
            text.append("; peer ")
                    .append(detail.getAddress())
                    .append(" (")
                    .append(detail.getMspId())
                    .append("): ")
                    .append(detail.getMessage());
        }
        return text.toString();
    }

    private boolean mentionsAccessDenied() {
        return status.getCode() == Status.Code.FAILED_PRECONDITION
                && (containsAccessDenied(status.getDescription())
                        || details.stream().anyMatch(detail -> containsAccessDenied(detail.getMessage())));
    }

    private boolean chaincodeDidNotRun() {
        return saysChaincodeDidNotRun(status.getDescription())
                || details.stream().anyMatch(detail -> saysChaincodeDidNotRun(detail.getMessage()));
    }

    private static boolean saysChaincodeDidNotRun(String message) {
        return message != null && CHAINCODE_DID_NOT_RUN.stream().anyMatch(message::contains);
    }

    private static boolean containsAccessDenied(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("access denied");
    }

    /** A chaincode error code and its human sentence. */
    record ChaincodeError(String code, String sentence) {}
}
