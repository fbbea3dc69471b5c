package com.rtcusage.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs at real speed from a moment the test sets, so a sweep can cross a chosen instant. */
public final class RunningClock extends Clock {

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

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
