package org.poxledger.platform.member;

/**
 * The graph cannot take a ledger fact yet, for example a member whose recommender is not projected. The event listener
 * retries it later; the ledger is unaffected.
 */
public class GraphProjectionException extends RuntimeException {

    public GraphProjectionException(String message) {
        super(message);
    }
}
