package org.poxledger.platform.portal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.poxledger.contract.model.Currency;
import org.poxledger.platform.wallet.Money;

/**
 * How the portal shows numbers, available to every template as {@code fmt}: scores and rates are stored in basis
 * points and amounts in minor units (integers); people read decimals. Exact decimal arithmetic only.
 */
public final class PortalFormats {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MACHINE = DateTimeFormatter.ISO_INSTANT;

    private final Supplier<Currency> currencySource;
    private Currency currency;

    PortalFormats(Currency currency) {
        this(() -> currency);
    }

    /** @param currencySource asked once, on the first amount shown: pages without amounts never reach the ledger */
    PortalFormats(Supplier<Currency> currencySource) {
        this.currencySource = currencySource;
    }

    /** @return the currency in force */
    public Currency currency() {
        if (currency == null) {
            currency = currencySource.get();
        }
        return currency;
    }

    /** @return a score in basis points as a decimal with at least two places: 35000 → {@code 3.50} */
    public String score(long bps) {
        return decimal(bps);
    }

    /** @return a rate in basis points as a factor: 12500 → {@code 1.25×} */
    public String rate(long bps) {
        return decimal(bps) + "×";
    }

    /** @return a share or weight in basis points as a percentage: 2000 → {@code 20%} */
    public String percent(long bps) {
        return BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
    }

    /** @return minor units with the currency's decimals and symbol: 1250 → {@code 12.50 PXC} */
    public String money(long minorUnits) {
        return Money.of(minorUnits, currency()).display();
    }

    /** @return minor units as a number without symbol, as typed in amount fields: 1250 → {@code 12.50} */
    public String amount(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, currency().decimals()).toPlainString();
    }

    /** @return an instant for people, in UTC */
    public String time(long epochMillis) {
        return SHOWN.format(Instant.ofEpochMilli(epochMillis));
    }

    /** @return the start of a range: the first reward cycle starts at 0, "the beginning" */
    public String since(long epochMillis) {
        return epochMillis == 0 ? "the beginning" : time(epochMillis);
    }

    /** @return an instant for people, in UTC */
    public String time(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** @return an instant for the {@code datetime} attribute of {@code <time>} */
    public String iso(long epochMillis) {
        return MACHINE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** @return an instant for the {@code datetime} attribute of {@code <time>} */
    public String iso(Instant instant) {
        return instant == null ? "" : MACHINE.format(instant);
    }

    /** @return the start of a long hash or id, for tables; the full value goes in a {@code title} */
    public String abbreviate(String text) {
        return text == null || text.length() <= 14 ? text : text.substring(0, 12) + "…";
    }

    private static String decimal(long bps) {
        BigDecimal value = BigDecimal.valueOf(bps, 4).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2).toPlainString() : value.toPlainString();
    }
}
