package com.rtcusage.support;

import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until a test moves it; the service and the sandbox both read it. */
public final class MovableClock extends UtcTestClock {

    private volatile Instant now;

    public MovableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
