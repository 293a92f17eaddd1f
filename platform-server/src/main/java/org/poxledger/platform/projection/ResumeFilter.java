package org.poxledger.platform.projection;

import java.util.ArrayList;
import java.util.List;
import org.poxledger.ledger.LedgerEvent;

/**
 * Decides which events of a stream reopened at the checkpoint's block still need applying. Events of that block up to
 * and including the checkpointed transaction were applied; the ones after it were not. Should the checkpointed
 * transaction not show up in its block at all, the block's events are applied again rather than lost (every
 * projection write is idempotent, so re-applying is harmless, skipping would not be).
 */
final class ResumeFilter {

    private final ProjectionCheckpoint checkpoint;
    private final List<LedgerEvent> held = new ArrayList<>();
    private boolean passedCheckpoint;
    private boolean done;

    /** @param checkpoint where the stream resumes; {@code null} to pass every event */
    ResumeFilter(ProjectionCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.done = checkpoint == null;
    }

    /** @return the events to apply now, in order (possibly none) */
    List<LedgerEvent> accept(LedgerEvent event) {
        if (done) {
            return List.of(event);
        }
        if (event.blockNumber() < checkpoint.blockNumber()) {
            return List.of();
        }
        if (event.blockNumber() == checkpoint.blockNumber()) {
            if (passedCheckpoint) {
                return List.of(event);
            }
            if (event.transactionId().equals(checkpoint.transactionId())) {
                passedCheckpoint = true;
                held.clear();
            } else {
                held.add(event);
            }
            return List.of();
        }
        done = true;
        List<LedgerEvent> ready = new ArrayList<>(held);
        held.clear();
        ready.add(event);
        return ready;
    }
}
