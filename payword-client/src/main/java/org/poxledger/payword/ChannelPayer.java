package org.poxledger.payword;

import java.util.Objects;

/**
 * The payer's side of one open channel: it remembers how far the chain has been spent and turns "pay k units" into
 * the next payment. Not thread-safe; one payer per channel.
 *
 * <pre>{@code
 * ChannelPayer payer = new ChannelPayer("ch-1", chain, 1);  // unit = 1 minor unit per payword
 * Payment p = payer.pay(3);                                  // reveals w_3: three units so far
 * Receipt r = broker.accept(p);
 * payer.confirm(r, verifier);                                // signature, channel, index and amount checked
 * }</pre>
 */
public final class ChannelPayer {

    private final String channelId;
    private final PaywordChain chain;
    private final long unit;
    private int paid;

    /**
     * @param channelId the channel the chain's root was committed to
     * @param chain the chain
     * @param unit minor units per payword
     */
    public ChannelPayer(final String channelId, final PaywordChain chain, final long unit) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.chain = Objects.requireNonNull(chain, "chain");
        if (unit < 1) {
            throw new IllegalArgumentException("unit must be positive, got " + unit);
        }
        this.unit = unit;
    }

    /**
     * @param units how many units to pay now, at least 1
     * @return the payment revealing the word {@code units} places further on
     * @throws IllegalStateException when the chain has fewer units left
     */
    public Payment pay(final int units) {
        if (units < 1) {
            throw new IllegalArgumentException("pay at least one unit, got " + units);
        }
        if (units > remaining()) {
            throw new IllegalStateException(
                    "channel " + channelId + " has " + remaining() + " units left, cannot pay " + units);
        }
        paid += units;
        return chain.payment(channelId, paid);
    }

    /**
     * Checks that the broker's receipt acknowledges exactly what was paid.
     *
     * @param receipt the broker's answer
     * @param verifier the broker's published key
     * @return whether it is signed by the broker and names this channel, the paid index and its amount
     */
    public boolean confirm(final Receipt receipt, final ReceiptVerifier verifier) {
        return verifier.verify(receipt)
                && channelId.equals(receipt.channelId())
                && receipt.index() == paid
                && receipt.amount() == Math.multiplyExact(paid, unit);
    }

    /** @return units paid so far (the index of the last payment) */
    public int paid() {
        return paid;
    }

    /** @return units the chain can still pay */
    public int remaining() {
        return chain.length() - paid;
    }
}
