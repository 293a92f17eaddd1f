package org.poxledger.payword;

/**
 * One micropayment: the payer reveals {@code w_index}, which pays every unit up to {@code index} in total.
 *
 * @param channelId the channel
 * @param index the total number of units paid, 1..n
 * @param payword {@code w_index}, 64 lower-case hexadecimal characters
 */
public record Payment(String channelId, long index, String payword) {}
