package org.poxledger.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.Transaction;
import org.poxledger.ledger.LedgerConnection;
import org.poxledger.ledger.LedgerEventStream;
import org.poxledger.ledger.LedgerException;
import org.poxledger.ledger.LedgerResult;

class TimedLedgerConnectionTest {

    /** Accepts every submit except {@code money:Transfer}, which it refuses. */
    private static final class ScriptedLedger implements LedgerConnection {

        @Override
        public LedgerResult submit(String transaction, String... args) {
            if (transaction.equals(Transaction.TRANSFER.wireName())) {
                throw new LedgerException("INSUFFICIENT_FUNDS", "INSUFFICIENT_FUNDS: balance 0", "tx-2");
            }
            return new LedgerResult("tx-1", 1, new byte[0]);
        }

        @Override
        public byte[] evaluate(String transaction, String... args) {
            return "{\"totalSupply\":0}".getBytes();
        }

        @Override
        public java.util.OptionalLong lastEventBlock(long fromBlock, long toBlock) {
            return java.util.OptionalLong.empty();
        }

        @Override
        public long lastBlock() {
            return 1;
        }

        @Override
        public LedgerEventStream events(long startBlock) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void times_each_submit_under_its_transaction_name_and_outcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TimedLedgerConnection ledger = new TimedLedgerConnection(new ScriptedLedger(), meters);

        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), "m_1", "h", "m_0");
        ledger.submit(Transaction.REGISTER_MEMBER.wireName(), "m_2", "h", "m_0");
        assertThatThrownBy(() -> ledger.submit(Transaction.TRANSFER.wireName())).isInstanceOf(LedgerException.class);
        ledger.evaluate(Transaction.GET_TOTAL_SUPPLY.wireName());

        assertThat(meters.get("pox.ledger.submit")
                        .tags("transaction", Transaction.REGISTER_MEMBER.wireName(), "outcome", "ok")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(meters.get("pox.ledger.submit")
                        .tags("transaction", Transaction.TRANSFER.wireName(), "outcome", "INSUFFICIENT_FUNDS")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("pox.ledger.submit")
                        .tag("transaction", Transaction.GET_TOTAL_SUPPLY.wireName())
                        .timer())
                .isNull();
    }
}
