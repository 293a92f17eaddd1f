package org.poxledger.ledger.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * Builds the contract API's own router, {@link ContractRouter}, ready to {@code invoke} in-process. Routing ({@code
 * "contract:Transaction"}, the default contract, unknown transactions), argument conversion, JSON serialization and
 * error responses are then the shim's own code, byte for byte what a peer-hosted chaincode does.
 *
 * <p>How it is driven without a peer: the public constructor only parses options ({@code --id} stands in for {@code
 * CORE_CHAINCODE_ID_NAME}) and never connects. The classpath scan for {@code @Contract} and {@code @DataType} classes
 * (and the metadata for {@code org.hyperledger.fabric:GetMetadata}) happens in {@code startRouterWithChaincodeServer},
 * which is public and then starts whatever server it is given; it is given one that does nothing. ContractRouter
 * itself is final and its registry private, so the scan cannot be narrowed: it walks the whole classpath with
 * ClassGraph, twice (serializers, then contracts). That is why {@link #shared()} builds one router per JVM and
 * reuses it: the classpath does not change, contract instances are stateless by the contract API's design, and a
 * peer also invokes one router from many threads at once.
 *
 * <p>The constructor also rewrites JVM-wide java.util.logging settings; they are restored afterwards (see {@link
 * JulLoggingState}). The router still logs each invocation at INFO and each failed one at SEVERE under {@code
 * org.hyperledger.fabric}, as it would on a peer; tune those loggers to quiet it. An environment with {@code
 * CORE_PEER_TLS_ENABLED=true} makes the constructor demand TLS key paths, as it would for a real chaincode.
 */
public final class ContractRouters {

    /** The chaincode name the platform deploys, also used when none is given. */
    public static final String DEFAULT_CHAINCODE_ID = "pox";

    private static ContractRouter shared;

    private ContractRouters() {}

    /**
     * @return the JVM-wide router over every {@code @Contract} class on the classpath, built on first use
     */
    public static synchronized ContractRouter shared() {
        // Lazy, and retried after a failure (unlike a holder class, whose failed initialisation is final).
        if (shared == null) {
            shared = create(DEFAULT_CHAINCODE_ID);
        }
        return shared;
    }

    /**
     * Builds a new router; prefer {@link #shared()}, this one scans the classpath again.
     *
     * @param chaincodeId the chaincode name ({@code CORE_CHAINCODE_ID_NAME})
     * @return a router with every {@code @Contract} class on the classpath registered
     */
    public static ContractRouter create(final String chaincodeId) {
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        final JulLoggingState logging = JulLoggingState.capture();
        try {
            final ContractRouter router = new ContractRouter(new String[] {"--id", chaincodeId});
            router.startRouterWithChaincodeServer(new RoutesOnly());
            return router;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the contract router for " + chaincodeId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the contract router", e);
        } finally {
            logging.restore();
        }
    }

    /** Lets {@code startRouterWithChaincodeServer} register the contracts without serving anything. */
    private static final class RoutesOnly implements ChaincodeServer {

        @Override
        public void start() {
            // Nothing to serve: transactions are invoked directly.
        }

        @Override
        public void stop() {
            // Nothing was started.
        }
    }
}
