package com.rtcusage.sandbox;

import java.time.Clock;
import java.time.Instant;

/**
 * Stamps each arriving request in one atomic step (arrival time, order, rate-limit count, fault),
 * so the recorded order, the rate limiter and the fault counters always agree.
 */
final class Admission {

    /** What is decided about a request the moment it arrives. */
    record Ticket(long sequence, long receivedNanos, Instant receivedAt, boolean withinRateLimit,
            FaultPlan.Decision fault) {
    }

    private final Clock clock;
    private final SlidingWindowLimiter limiter;
    private final FaultPlan faults;
    private long sequence;

    Admission(Clock clock, SlidingWindowLimiter limiter, FaultPlan faults) {
        this.clock = clock;
        this.limiter = limiter;
        this.faults = faults;
    }

    /** The most a request is held before it arrives, under the faults now in force. */
    java.time.Duration ingressJitter() {
        return faults.ingressJitter();
    }

    /** @param accessKeyId the key the request names, or null when it names none (never rate-limited) */
    synchronized Ticket admit(String accessKeyId) {
        long nanos = System.nanoTime();
        boolean withinRateLimit = accessKeyId == null || limiter.admit(accessKeyId, nanos);
        return new Ticket(++sequence, nanos, clock.instant(), withinRateLimit, faults.next());
    }
}
