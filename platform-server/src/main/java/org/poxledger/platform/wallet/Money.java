package org.poxledger.platform.wallet;

import java.math.BigDecimal;
import org.poxledger.contract.model.Currency;

/**
 * An amount in minor units with its display form (DESIGN §7: integers on the wire, decimals only for people).
 *
 * @param minorUnits the amount in minor units, as on the ledger
 * @param decimals digits after the decimal point
 * @param symbol the currency symbol
 * @param display e.g. {@code 125.00 PXC}
 */
public record Money(long minorUnits, int decimals, String symbol, String display) {

    /** @return the amount shown with the currency's decimals and symbol */
    public static Money of(long minorUnits, Currency currency) {
        String number = BigDecimal.valueOf(minorUnits, currency.decimals()).toPlainString();
        return new Money(minorUnits, currency.decimals(), currency.symbol(), number + " " + currency.symbol());
    }
}
