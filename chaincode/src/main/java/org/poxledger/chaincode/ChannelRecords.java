package org.poxledger.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelAction;
import org.poxledger.contract.model.ChannelEntry;

/** Reads and writes {@code channel~id} and the channel's history entries. */
final class ChannelRecords {

    private ChannelRecords() {}

    static Optional<Channel> find(final ChaincodeStub stub, final String channelId) {
        final byte[] state = stub.getState(LedgerKeys.channel(stub, channelId));
        return state == null || state.length == 0
                ? Optional.empty()
                : Optional.of(LedgerJson.read(state, Channel.class));
    }

    /**
     * @param stub the transaction's stub
     * @param channelId an id already checked by {@link Arguments#id}
     * @return the channel
     * @throws org.hyperledger.fabric.shim.ChaincodeException CHANNEL_NOT_FOUND
     */
    static Channel require(final ChaincodeStub stub, final String channelId) {
        return find(stub, channelId)
                .orElseThrow(
                        () -> LedgerRefusal.of(ErrorCode.CHANNEL_NOT_FOUND, "channel %s does not exist", channelId));
    }

    static void put(final ChaincodeStub stub, final Channel channel) {
        stub.putState(LedgerKeys.channel(stub, channel.channelId()), LedgerJson.bytes(channel));
    }

    static ChannelEntry opening(final ChaincodeStub stub, final String channelId) {
        return entry(stub, stub.splitCompositeKey(LedgerKeys.channelEntry(stub, channelId, 0, ChannelAction.OPENED)));
    }

    static ChannelEntry entry(final ChaincodeStub stub, final CompositeKey key) {
        final byte[] stored = stub.getState(key.toString());
        if (stored == null || stored.length == 0) {
            throw new IllegalStateException("Channel history has no entry at " + key);
        }
        return LedgerJson.read(stored, ChannelEntry.class);
    }
}
