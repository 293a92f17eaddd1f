package org.poxledger.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poxledger.ledger.LedgerEvent;

class ResumeFilterTest {

    @Test
    void without_a_checkpoint_every_event_passes() {
        ResumeFilter filter = new ResumeFilter(null);

        assertThat(filter.accept(event(1, "t1")))
                .extracting(LedgerEvent::transactionId)
                .containsExactly("t1");
    }

    @Test
    void skips_the_checkpointed_event_and_those_before_it_in_its_block() {
        ResumeFilter filter = new ResumeFilter(new ProjectionCheckpoint(5, "t2"));

        List<String> applied =
                apply(filter, event(4, "t0"), event(5, "t1"), event(5, "t2"), event(5, "t3"), event(6, "t4"));

        assertThat(applied).containsExactly("t3", "t4");
    }

    @Test
    void re_applies_the_checkpoint_block_when_its_transaction_never_shows_up() {
        ResumeFilter filter = new ResumeFilter(new ProjectionCheckpoint(5, "gone"));

        List<String> applied = apply(filter, event(5, "t1"), event(5, "t2"), event(7, "t3"));

        assertThat(applied).containsExactly("t1", "t2", "t3");
    }

    private static List<String> apply(ResumeFilter filter, LedgerEvent... events) {
        List<String> applied = new ArrayList<>();
        for (LedgerEvent event : events) {
            filter.accept(event).forEach(e -> applied.add(e.transactionId()));
        }
        return applied;
    }

    private static LedgerEvent event(long block, String txId) {
        return new LedgerEvent(block, txId, "MemberRegistered", new byte[0]);
    }
}
