package org.poxledger.platform.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.Channel;
import org.poxledger.platform.ledger.LedgerClient;
import org.springframework.stereotype.Component;

/**
 * The Mini-Pay redeem cap of each channel: the broker takes no payment past it, because the ledger would refuse to
 * redeem it (SPENDING_LIMIT_EXCEEDED) and the payee would hold a receipt nobody settles. The broker must never be more
 * generous than the ledger: a cap is loaded from the ledger's channel record (tightened by a reservation the ledger
 * may still register), tightened when a first certificate is reserved, and raised only once the ledger registered the
 * new limit.
 */
@Component
class SpendingCaps {

    /** No certificate, no cap. */
    private static final long NONE = Long.MAX_VALUE;

    private final LedgerClient ledger;
    private final SpendingCertificateBook book;
    private final Map<String, Long> caps = new ConcurrentHashMap<>();

    SpendingCaps(LedgerClient ledger, SpendingCertificateBook book) {
        this.ledger = ledger;
        this.book = book;
    }

    /** @throws Refusal SPENDING_LIMIT_EXCEEDED when the index is past the channel's cap */
    void requireWithin(String channelId, long index) {
        long cap = capOf(channelId);
        if (index > cap) {
            throw Refusal.of(
                    ErrorCode.SPENDING_LIMIT_EXCEEDED,
                    "index",
                    "index " + index + " of channel " + channelId + " is past " + cap
                            + ", the highest its spending certificates allow");
        }
    }

    /** Before a limit reaches the ledger: the broker's cap becomes at most {@code cap}. */
    void tighten(String channelId, long cap) {
        capOf(channelId);
        caps.merge(channelId, cap, Math::min);
    }

    /** Once the ledger registered a limit: its cap, the ledger's, is the broker's. */
    void raise(String channelId, long ledgerCap) {
        capOf(channelId);
        caps.merge(channelId, ledgerCap, (current, raised) -> current == NONE ? raised : Math.max(current, raised));
    }

    /** Drops what is cached, after a reservation the ledger refused; the next payment reloads it. */
    void forget(String channelId) {
        caps.remove(channelId);
    }

    private long capOf(String channelId) {
        return caps.computeIfAbsent(channelId, this::load);
    }

    private long load(String channelId) {
        Long onLedger = ledger.findChannel(channelId).map(Channel::spendingCap).orElse(null);
        if (onLedger != null) {
            return onLedger;
        }
        return book.reservedCap(channelId).orElse(NONE);
    }
}
