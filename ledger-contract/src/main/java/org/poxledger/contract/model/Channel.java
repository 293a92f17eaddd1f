package org.poxledger.contract.model;

import java.util.Objects;

/**
 * A PayWord micropayment channel (DESIGN §8): the payer locked {@code deposit = chainLength × unit} and committed to
 * the root {@code w_0 = H^n(seed)}; the payee redeems the highest payword it holds, and closing refunds the rest.
 *
 * <p>Always {@code redeemed + refunded + locked = deposit}, with {@code locked = 0} once CLOSED.
 *
 * @param certifiedDay the day of the latest Mini-Pay spending limit ({@link SpendingLimit}); omitted when none
 * @param chainLength {@code n}: how many units the chain can pay
 * @param channelId client-chosen id
 * @param closedAt transaction time of the close, epoch milliseconds; omitted while OPEN
 * @param closedBy the party that closed it; omitted while OPEN
 * @param deposit {@code chainLength × unit}, minor units
 * @param expiresAt epoch milliseconds: no redeem from then on, and the payer may close
 * @param kind DIRECT (one payee) or WALLET (payees named at each split redeem); DIRECT when absent
 * @param lastWord {@code w_redeemedIndex}, the anchor the next redeem is checked against ({@code w_0} at first)
 * @param locked minor units still held for the payee: {@code (chainLength − redeemedIndex) × unit} while OPEN
 * @param openedAt transaction time of the opening, epoch milliseconds
 * @param openedTxId the opening transaction
 * @param payeeId who is paid; omitted for a WALLET channel
 * @param payerId who locked the deposit
 * @param redeemed minor units paid to the payee so far
 * @param redeemedIndex {@code j}, the highest index redeemed, 0 at first
 * @param refunded minor units returned to the payer at close
 * @param root {@code w_0}, 64 lower-case hexadecimal characters
 * @param spendingCap the highest index a redeem may reach, once a spending limit is registered; omitted when none
 * @param status OPEN or CLOSED
 * @param unit minor units one payword is worth
 */
public record Channel(
        String certifiedDay,
        long chainLength,
        String channelId,
        Long closedAt,
        String closedBy,
        long deposit,
        long expiresAt,
        ChannelKind kind,
        String lastWord,
        long locked,
        long openedAt,
        String openedTxId,
        String payeeId,
        String payerId,
        long redeemed,
        long redeemedIndex,
        long refunded,
        String root,
        Long spendingCap,
        ChannelStatus status,
        long unit) {

    public Channel {
        kind = kind == null ? ChannelKind.DIRECT : kind;
    }

    /**
     * @param payer payer id
     * @param payee payee id
     * @param units unit
     * @param length chain length
     * @param rootWord root
     * @param expiry expiry
     * @return whether a repeated OpenChannel asks for exactly this channel
     */
    public boolean sameTerms(
            final String payer,
            final String payee,
            final long units,
            final long length,
            final String rootWord,
            final long expiry) {
        return payerId.equals(payer)
                && Objects.equals(payeeId, payee)
                && unit == units
                && chainLength == length
                && root.equals(rootWord)
                && expiresAt == expiry;
    }

    /**
     * @param index the newly redeemed index
     * @param word {@code w_index}
     * @param amount minor units paid by this redeem
     * @return the channel after the redeem
     */
    public Channel redeemedTo(final long index, final String word, final long amount) {
        return new Channel(
                certifiedDay,
                chainLength,
                channelId,
                closedAt,
                closedBy,
                deposit,
                expiresAt,
                kind,
                word,
                locked - amount,
                openedAt,
                openedTxId,
                payeeId,
                payerId,
                redeemed + amount,
                index,
                refunded,
                root,
                spendingCap,
                status,
                unit);
    }

    /**
     * @param at transaction time
     * @param by the closing party
     * @return the channel closed, its locked rest refunded
     */
    public Channel closed(final long at, final String by) {
        return new Channel(
                certifiedDay,
                chainLength,
                channelId,
                at,
                by,
                deposit,
                expiresAt,
                kind,
                lastWord,
                0,
                openedAt,
                openedTxId,
                payeeId,
                payerId,
                redeemed,
                redeemedIndex,
                refunded + locked,
                root,
                spendingCap,
                ChannelStatus.CLOSED,
                unit);
    }

    /**
     * @param day the day of the newly registered limit
     * @param cap the redeem cap it leaves
     * @return the channel with that limit registered
     */
    public Channel certified(final String day, final long cap) {
        return new Channel(
                day,
                chainLength,
                channelId,
                closedAt,
                closedBy,
                deposit,
                expiresAt,
                kind,
                lastWord,
                locked,
                openedAt,
                openedTxId,
                payeeId,
                payerId,
                redeemed,
                redeemedIndex,
                refunded,
                root,
                cap,
                status,
                unit);
    }
}
