package org.poxledger.ledger.memory;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.poxledger.ledger.LedgerException;

/**
 * Turns a refused transaction into a {@link LedgerException} with the chaincode's error code. docs/ledger-wire.md: the
 * ChaincodeException payload is the code and the message starts with {@code "CODE: "}; the payload wins, the prefix is
 * the fallback (it is all the Fabric Gateway carries), and anything else is {@link LedgerException#CHAINCODE_ERROR}.
 */
final class ChaincodeErrors {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern MESSAGE_CODE = Pattern.compile("^([A-Z][A-Z0-9_]*): ");

    private ChaincodeErrors() {}

    /** For a response with an error status (400 and above), which is how the contract router reports failures. */
    static LedgerException rejected(final Chaincode.Response response, final String txId) {
        final String message =
                response.getMessage() == null || response.getMessage().isBlank()
                        ? "chaincode returned status " + response.getStatusCode()
                        : response.getMessage();
        return new LedgerException(code(response.getPayload(), message), message, txId);
    }

    /** For a dispatcher that throws instead of answering with an error response. */
    static LedgerException thrown(final RuntimeException failure, final String txId) {
        if (failure instanceof ChaincodeException refused) {
            final String message =
                    refused.getMessage() == null ? "chaincode refused the transaction" : refused.getMessage();
            return new LedgerException(code(refused.getPayload(), message), message, txId, failure);
        }
        return new LedgerException(LedgerException.CHAINCODE_ERROR, "chaincode failed: " + failure, txId, failure);
    }

    static String code(final byte[] payload, final String message) {
        if (payload != null && payload.length > 0) {
            final String text = new String(payload, StandardCharsets.UTF_8).trim();
            if (CODE.matcher(text).matches()) {
                return text;
            }
        }
        if (message != null) {
            final Matcher prefix = MESSAGE_CODE.matcher(message);
            if (prefix.find()) {
                return prefix.group(1);
            }
        }
        return LedgerException.CHAINCODE_ERROR;
    }
}
