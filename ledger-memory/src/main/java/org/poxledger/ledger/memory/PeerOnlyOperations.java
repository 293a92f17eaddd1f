package org.poxledger.ledger.memory;

import java.util.List;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The stub operations that need a real peer and channel: private data collections, rich (CouchDB) queries, key-level
 * endorsement policies, chaincode-to-chaincode calls and the signed proposal. The embedded ledger has one chaincode,
 * one endorser, a LevelDB-like state and no client signatures, so each of these fails loudly instead of pretending.
 */
abstract class PeerOnlyOperations implements ChaincodeStub {

    private static UnsupportedOperationException unsupported(final String operation, final String reason) {
        return new UnsupportedOperationException(
                operation + " is not available in the in-process ledger: " + reason + "; it needs a Fabric peer");
    }

    private static UnsupportedOperationException noPrivateData(final String operation) {
        return unsupported(operation, "there are no private data collections");
    }

    @Override
    public Chaincode.Response invokeChaincode(
            final String chaincodeName, final List<byte[]> args, final String channel) {
        throw unsupported("invokeChaincode", "only one chaincode runs in-process");
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        throw unsupported("getStateValidationParameter", "there are no key-level endorsement policies");
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        throw unsupported("setStateValidationParameter", "there are no key-level endorsement policies");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw unsupported("getQueryResult", "rich queries need CouchDB and the state is LevelDB-like");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            final String query, final int pageSize, final String bookmark) {
        throw unsupported("getQueryResultWithPagination", "rich queries need CouchDB and the state is LevelDB-like");
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported("getSignedProposal", "no proposal is signed in-process");
    }

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw noPrivateData("getPrivateData");
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw noPrivateData("getPrivateDataHash");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw noPrivateData("getPrivateDataValidationParameter");
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw noPrivateData("putPrivateData");
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw noPrivateData("setPrivateDataValidationParameter");
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        throw noPrivateData("delPrivateData");
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw noPrivateData("purgePrivateData");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(
            final String collection, final String startKey, final String endKey) {
        throw noPrivateData("getPrivateDataByRange");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String compositeKey) {
        throw noPrivateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final CompositeKey compositeKey) {
        throw noPrivateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String objectType, final String... attributes) {
        throw noPrivateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw noPrivateData("getPrivateDataQueryResult");
    }
}
