package org.poxledger.ledger.memory;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** A tiny contract that exercises what the embedded ledger must get right: state, events, errors and identities. */
@Contract(name = "counter")
public final class CounterContract implements ContractInterface {

    /**
     * @param ctx transaction context
     * @param name counter name
     * @param by a positive amount
     * @return the new value
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Increment(final Context ctx, final String name, final String by) {
        final long amount = Long.parseLong(by);
        if (amount <= 0) {
            throw new ChaincodeException("INVALID_ARGUMENT: by must be positive, got " + by, "INVALID_ARGUMENT");
        }
        final ChaincodeStub stub = ctx.getStub();
        final String key = stub.createCompositeKey("counter", name).toString();
        final byte[] current = stub.getState(key);
        final long value =
                (current.length == 0 ? 0 : Long.parseLong(new String(current, StandardCharsets.UTF_8))) + amount;
        stub.putState(key, Long.toString(value).getBytes(StandardCharsets.UTF_8));
        // Fabric keeps one event per transaction: this one is replaced below.
        stub.setEvent("Draft", new byte[0]);
        stub.setEvent(
                "Incremented",
                ("{\"name\":\"" + name + "\",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8));
        return Long.toString(value);
    }

    /**
     * @param ctx transaction context
     * @param name counter name
     * @return the value
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(final Context ctx, final String name) {
        final byte[] value = ctx.getStub()
                .getState(ctx.getStub().createCompositeKey("counter", name).toString());
        if (value.length == 0) {
            throw new ChaincodeException("COUNTER_NOT_FOUND: counter " + name + " does not exist", "COUNTER_NOT_FOUND");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Writes, then refuses with a code only in the message (no payload), as the Gateway would report it.
     *
     * @param ctx transaction context
     * @param name counter name
     * @return never
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String IncrementThenRefuse(final Context ctx, final String name) {
        Increment(ctx, name, "1");
        throw new ChaincodeException("LIMIT_REACHED: counter " + name + " may not grow");
    }

    /**
     * Writes, then fails with a bug rather than a chaincode error.
     *
     * @param ctx transaction context
     * @param name counter name
     * @return never
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String IncrementThenCrash(final Context ctx, final String name) {
        Increment(ctx, name, "1");
        throw new IllegalStateException("a bug in the chaincode");
    }

    /**
     * @param ctx transaction context
     * @return {@code mspId|pox.role attribute|id} of the caller
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String WhoAmI(final Context ctx) {
        final ClientIdentity identity = ctx.getClientIdentity();
        return identity.getMSPID() + "|" + identity.getAttributeValue("pox.role") + "|" + identity.getId();
    }
}
