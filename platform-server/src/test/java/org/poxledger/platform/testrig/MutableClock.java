package org.poxledger.platform.testrig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock tests move by hand; shared by the embedded ledger (transaction timestamps) and the services.
 *
 * <p>On Fabric the ledger stamps transactions with the client's real time, which no test can move. There the clock
 * {@link #followingRealTime() follows real time}: a short step forward waits until real time has passed it, so
 * whatever is submitted afterwards is stamped later, as on the embedded ledger; a long step (a lease expiring) only
 * moves the services' view of time, which never reaches the ledger.
 */
public final class MutableClock extends Clock {

    /** Steps up to this long are waited for on real time; longer ones are jumps of the services' clock only. */
    private static final Duration LONGEST_REAL_WAIT = Duration.ofSeconds(2);

    private final AtomicLong millis;
    private final boolean realTime;

    public MutableClock(long startMillis) {
        this(startMillis, false);
    }

    private MutableClock(long startMillis, boolean realTime) {
        this.millis = new AtomicLong(startMillis);
        this.realTime = realTime;
    }

    /** @return a clock at real time, whose steps forward keep the ledger's real timestamps in order */
    public static MutableClock followingRealTime() {
        return new MutableClock(0, true);
    }

    /** @return the time after moving it forward */
    public long advance(Duration by) {
        if (!realTime) {
            return millis.addAndGet(by.toMillis());
        }
        long target = millis() + by.toMillis();
        if (by.compareTo(LONGEST_REAL_WAIT) > 0) {
            millis.addAndGet(by.toMillis());
            return target;
        }
        while (System.currentTimeMillis() + millis.get() <= target) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return target;
    }

    @Override
    public long millis() {
        return realTime ? System.currentTimeMillis() + millis.get() : millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
