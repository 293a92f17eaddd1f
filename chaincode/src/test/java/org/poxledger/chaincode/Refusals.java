package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.poxledger.contract.ErrorCode;

/** Assertions on refusals thrown directly by chaincode classes. */
final class Refusals {

    private Refusals() {}

    /**
     * @param code the expected error code
     * @param call the refused call
     * @return an assertion on the exception, for checking the message further
     */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            final ErrorCode code, final ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOf(ChaincodeException.class)
                .hasMessageStartingWith(code.name() + ": ")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                                new String(((ChaincodeException) e).getPayload(), StandardCharsets.UTF_8))
                        .isEqualTo(code.name()));
    }
}
