package com.rtcusage.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Failures the sandbox injects on purpose, so the client's retries, dead letters and window checks
 * can be proven. Counting ({@code failEveryNth}, {@code garbageEveryNth}, {@code throttleNext})
 * restarts whenever a new set is installed with {@link UsageSandbox#faults(SandboxFaults)}.
 *
 * @param failEveryNth every Nth request answers 500 {@code InternalError}; 0 = never
 * @param garbageEveryNth every Nth request answers 200 with a truncated JSON body; 0 = never
 * @param latency how long each answer is held back
 * @param throttleNext the next K requests answer 429 {@code FlowLimitExceeded} whatever the rate
 * @param extraDayOutsideWindow successful answers also carry the day before {@code StartTime}
 * @param unprocessableFirstDay successful answers report the first day from {@code StartTime} with
 *     {@code Audio} = -1 minutes: a well-formed answer with one entry the client must reject
 * @param unprocessableDayOutsideWindow successful answers also carry the day before {@code StartTime},
 *     with {@code Audio} = -1 minutes: an entry the client must ignore, not reject
 * @param ingressJitter uneven network delay: each request waits a uniformly random 0..this before it
 *     reaches the sandbox's rate limiter; its arrival (clock, nanoTime, rate-limit count) is taken after
 * @param trickle each answer is written {@value #TRICKLE_PIECE_BYTES} bytes at a time with this pause
 *     between pieces: no read waits long, yet the whole answer takes long (a slow or failing network)
 */
public record SandboxFaults(
        int failEveryNth,
        int garbageEveryNth,
        Duration latency,
        int throttleNext,
        boolean extraDayOutsideWindow,
        boolean unprocessableFirstDay,
        boolean unprocessableDayOutsideWindow,
        Duration ingressJitter,
        Duration trickle) {

    /** How much of a trickled answer is written at once. */
    public static final int TRICKLE_PIECE_BYTES = 32;

    public SandboxFaults {
        requireNotNegative("failEveryNth", failEveryNth);
        requireNotNegative("garbageEveryNth", garbageEveryNth);
        requireNotNegative("throttleNext", throttleNext);
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        Objects.requireNonNull(ingressJitter, "ingressJitter");
        if (ingressJitter.isNegative()) {
            throw new IllegalArgumentException("ingressJitter must not be negative, was " + ingressJitter);
        }
        Objects.requireNonNull(trickle, "trickle");
        if (trickle.isNegative()) {
            throw new IllegalArgumentException("trickle must not be negative, was " + trickle);
        }
    }

    /** A well-behaved API. */
    public static SandboxFaults none() {
        return new SandboxFaults(0, 0, Duration.ZERO, 0, false, false, false, Duration.ZERO, Duration.ZERO);
    }

    public SandboxFaults withFailEveryNth(int n) {
        return new SandboxFaults(n, garbageEveryNth, latency, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withGarbageEveryNth(int n) {
        return new SandboxFaults(failEveryNth, n, latency, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withLatency(Duration delay) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, delay, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withThrottleNext(int k) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, k, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withExtraDayOutsideWindow(boolean extraDay) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, throttleNext, extraDay,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withUnprocessableFirstDay(boolean unprocessable) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, throttleNext, extraDayOutsideWindow,
                unprocessable, unprocessableDayOutsideWindow, ingressJitter, trickle);
    }

    public SandboxFaults withUnprocessableDayOutsideWindow(boolean unprocessable) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessable, ingressJitter, trickle);
    }

    public SandboxFaults withIngressJitter(Duration maxDelay) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, maxDelay, trickle);
    }

    public SandboxFaults withTrickle(Duration pause) {
        return new SandboxFaults(failEveryNth, garbageEveryNth, latency, throttleNext, extraDayOutsideWindow,
                unprocessableFirstDay, unprocessableDayOutsideWindow, ingressJitter, pause);
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
