package org.poxledger.ledger.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves one second forward each time it is read, so every transaction has its own timestamp. */
final class StepClock extends Clock {

    static final Instant START = Instant.parse("2026-11-22T10:00:00.123456789Z");

    private Instant next = START;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        final Instant now = next;
        next = next.plus(Duration.ofSeconds(1));
        return now;
    }
}
