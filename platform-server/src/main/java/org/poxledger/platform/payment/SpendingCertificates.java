package org.poxledger.platform.payment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.contract.model.ChannelStatus;
import org.poxledger.contract.model.SpendingLimitChange;
import org.poxledger.ledger.LedgerException;
import org.poxledger.payword.SpendingCertificate;
import org.poxledger.platform.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues Mini-Pay daily spending certificates (seed 003): the broker signs, for the payer of a channel, a limit for
 * today (UTC) starting at the highest word it accepted, the touchstone payees check paywords against while offline.
 * The ledger registers the limit first ({@code channels:CertifySpending}), so no certificate exists whose spending the
 * ledger would not cap; the terms are reserved before, so a retry after a crash asks the ledger for the same limit.
 */
@Service
class SpendingCertificates {

    private static final Logger log = LoggerFactory.getLogger(SpendingCertificates.class);

    private final PaymentBroker broker;
    private final SpendingCertificateBook book;
    private final SpendingCaps caps;
    private final LedgerClient ledger;
    private final BrokerKey key;
    private final Clock clock;

    SpendingCertificates(
            PaymentBroker broker,
            SpendingCertificateBook book,
            SpendingCaps caps,
            LedgerClient ledger,
            BrokerKey key,
            Clock clock) {
        this.broker = broker;
        this.book = book;
        this.caps = caps;
        this.ledger = ledger;
        this.key = key;
        this.clock = clock;
    }

    /**
     * @param payerId the logged-in member, the channel's payer
     * @param channelId the channel
     * @param limit minor units the payer may spend today, at least one unit
     * @return today's certificate; the same one when asked again with the same limit
     * @throws Refusal CHANNEL_PARTY_MISMATCH, CHANNEL_CLOSED, SPENDING_CERTIFICATE_INVALID,
     *     SPENDING_CERTIFICATE_CONFLICT (today already has another limit)
     */
    SpendingCertificate issue(String payerId, String channelId, long limit) {
        String day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        SpendingCertificateBook.Stored stored = book.find(channelId, day)
                .orElseGet(() -> broker.withState(channelId, channel -> reserve(payerId, channel, day, limit)));
        SpendingCertificate terms = stored.certificate();
        if (!terms.payerId().equals(payerId)) {
            throw Refusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "channelId",
                    "member " + payerId + " is not the payer of channel " + channelId);
        }
        if (terms.limit() != limit) {
            throw Refusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_CONFLICT,
                    "limit",
                    "channel " + channelId + " already has a certificate for " + day + " with a limit of "
                            + terms.limit());
        }
        if (stored.signed()) {
            return terms;
        }
        SpendingLimitChange change;
        try {
            change = ledger.certifySpending(channelId, day, terms.fromIndex(), terms.limit())
                    .value();
        } catch (LedgerException e) {
            if (ErrorCode.of(e.code()).isPresent()
                    && !ErrorCode.LEDGER_UNAVAILABLE.is(e.code())
                    && !ErrorCode.READ_CONFLICT.is(e.code())
                    && !ErrorCode.COMMIT_FAILED.is(e.code())) {
                // refused by the chaincode: nothing registered, so the reservation and its cap go
                book.release(channelId, day);
                caps.forget(channelId);
            }
            throw e;
        }
        SpendingCertificate signed = key.certify(
                channelId,
                payerId,
                day,
                terms.fromIndex(),
                terms.fromWord(),
                terms.unit(),
                terms.limit(),
                clock.millis());
        book.signed(signed, change.limit().capIndex());
        caps.raise(channelId, change.limit().capIndex());
        log.info(
                "spending certificate for channel {} payer {} on {}: {} past index {}, cap {} tx={}",
                channelId,
                payerId,
                day,
                limit,
                terms.fromIndex(),
                change.limit().capIndex(),
                change.limit().txId());
        return signed;
    }

    /** Called with the channel's payments held back: the touchstone is the highest accepted word. */
    private SpendingCertificateBook.Stored reserve(String payerId, BrokeredChannel channel, String day, long limit) {
        if (!payerId.equals(channel.payerId())) {
            throw Refusal.of(
                    ErrorCode.CHANNEL_PARTY_MISMATCH,
                    "channelId",
                    "member " + payerId + " is not the payer of channel " + channel.channelId());
        }
        if (channel.status() == ChannelStatus.CLOSED) {
            throw Refusal.of(ErrorCode.CHANNEL_CLOSED, "channelId", "channel " + channel.channelId() + " is closed");
        }
        if (limit < channel.unit()) {
            throw Refusal.of(
                    ErrorCode.SPENDING_CERTIFICATE_INVALID,
                    "limit",
                    "limit " + limit + " is less than one payword of " + channel.unit());
        }
        long from = channel.acceptedIndex();
        long cap = Math.min(channel.chainLength(), from + Math.min(limit / channel.unit(), channel.chainLength()));
        SpendingCertificate terms = new SpendingCertificate(
                channel.channelId(), payerId, day, from, channel.acceptedWord(), channel.unit(), limit, 0, null);
        SpendingCertificateBook.Stored stored = book.reserve(terms, cap);
        caps.tighten(channel.channelId(), stored.capIndex());
        return stored;
    }
}
