package org.poxledger.platform.payment;

import org.poxledger.payword.Receipt;

/**
 * What became of one payment of a batch: its receipt, or the refusal it would have had alone.
 *
 * @param receipt the broker's signed receipt; {@code null} when refused
 * @param code the refusal's stable error code; {@code null} when accepted
 * @param field the field at fault, if any
 * @param detail the refusal's sentence
 */
public record PaymentOutcome(Receipt receipt, String code, String field, String detail) {

    static PaymentOutcome accepted(Receipt receipt) {
        return new PaymentOutcome(receipt, null, null, null);
    }

    static PaymentOutcome refused(String code, String field, String detail) {
        return new PaymentOutcome(null, code, field, detail);
    }
}
