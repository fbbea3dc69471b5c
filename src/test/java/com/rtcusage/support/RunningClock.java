package com.rtcusage.support;

import java.time.Duration;
import java.time.Instant;

/** A clock that runs at real speed from a moment the test sets, so a sweep can cross a chosen instant. */
public final class RunningClock extends UtcTestClock {

    private volatile Instant base;
    private volatile long baseNanos;

    public RunningClock(Instant start) {
        set(start);
    }

    /** From now on the clock reads {@code start}, and runs on from there. */
    public void set(Instant start) {
        baseNanos = System.nanoTime();
        base = start;
    }

    @Override
    public Instant instant() {
        return base.plus(Duration.ofNanos(System.nanoTime() - baseNanos));
    }
}
