package org.poxledger.platform.reward;

/**
 * Waits until the graph holds everything the ledger has committed so far. A cycle is computed from the graph, so
 * closing one must not miss a registration that is committed on the ledger but not yet projected (by another server
 * instance, or while this one was down).
 */
@FunctionalInterface
public interface ProjectionBarrier {

    /** For wiring where every write is projected synchronously (the hand-wired test rig). */
    ProjectionBarrier NONE = () -> {};

    /**
     * Returns once every chaincode event committed before the call has been projected.
     *
     * @throws org.poxledger.contract.Refusal PROJECTION_BEHIND when that does not happen in time
     */
    void awaitCommitted();
}
