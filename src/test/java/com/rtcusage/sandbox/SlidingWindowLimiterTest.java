package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sliding 1-second window, on synthetic nanosecond times. */
class SlidingWindowLimiterTest {

    private static final long MS = 1_000_000L;

    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(2);

    @Test
    void allowsTwoAndRefusesTheThirdWithinOneSecond() {
        assertThat(limiter.admit("k", 0)).isTrue();
        assertThat(limiter.admit("k", 100 * MS)).isTrue();
        assertThat(limiter.admit("k", 999 * MS)).isFalse();
    }

    @Test
    void treatsArrivalsExactlyOneSecondApartAsOutsideEachOthersWindow() {
        limiter.admit("k", 0);
        limiter.admit("k", 500 * MS);

        assertThat(limiter.admit("k", 1000 * MS)).isTrue();
    }

    @Test
    void countsRefusedArrivalsToo() {
        limiter.admit("k", 0);
        limiter.admit("k", 100 * MS);
        limiter.admit("k", 200 * MS); // refused, but counted

        assertThat(limiter.admit("k", 1050 * MS)).as("window holds 100 ms, 200 ms and this one").isFalse();
        assertThat(limiter.admit("k", 2100 * MS)).as("window holds 1050 ms and this one").isTrue();
    }

    @Test
    void keepsKeysApart() {
        limiter.admit("a", 0);
        limiter.admit("a", 1);

        assertThat(limiter.admit("b", 2)).isTrue();
        assertThat(limiter.admit("a", 3)).isFalse();
    }
}
