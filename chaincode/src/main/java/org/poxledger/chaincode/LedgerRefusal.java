package org.poxledger.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;
import org.poxledger.contract.ErrorCode;

/**
 * Builds the chaincode's refusals: a {@link ChaincodeException} whose message starts with {@code "<CODE>: "} and whose
 * payload is the code, because the Fabric Gateway carries the message but not the chaincode payload. The codes
 * themselves live in the wire contract ({@link ErrorCode}); only the shim type lives here, so the contract module
 * stays free of the Fabric shim.
 */
final class LedgerRefusal {

    private LedgerRefusal() {}

    /**
     * @param code the refusal's code
     * @param sentence what went wrong, naming the thing and the value, e.g. {@code "member m_1 does not exist"}
     * @return the exception to throw
     */
    static ChaincodeException of(final ErrorCode code, final String sentence) {
        return new ChaincodeException(code.message(sentence), code.name());
    }

    /**
     * @param code the refusal's code
     * @param template the sentence template ({@link String#format})
     * @param values the values named in the sentence
     * @return the exception to throw
     */
    static ChaincodeException of(final ErrorCode code, final String template, final Object... values) {
        return of(code, String.format(template, values));
    }
}
