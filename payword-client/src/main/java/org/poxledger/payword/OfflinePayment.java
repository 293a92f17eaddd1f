package org.poxledger.payword;

/**
 * A payment a payee accepted offline under a spending certificate: what it may hand to the broker once online.
 *
 * @param channelId the channel
 * @param fromIndex the index this payment starts after (the payee's last word on the channel, or the touchstone)
 * @param index the payment's index
 * @param payword {@code w_index}
 * @param amount minor units this payment is worth to the payee: {@code (index − fromIndex) × unit}
 */
public record OfflinePayment(String channelId, long fromIndex, long index, String payword, long amount) {}
