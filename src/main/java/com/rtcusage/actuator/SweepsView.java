package com.rtcusage.actuator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code /actuator/sweeps} shows: the last completed sweep and the one in flight, each null
 * when there is none. Immutable snapshots; accounts by name only, never a key.
 */
public record SweepsView(SweepView lastCompleted, SweepView inFlight) {

    /**
     * One sweep: {@code end} null while in flight; {@code stoppedBy} why no further request left
     * (null when nothing stopped it).
     */
    public record SweepView(Instant start, Instant end, String stoppedBy, List<AccountView> accounts) {
    }

    /**
     * One account's part of a sweep: {@code start} when its first request left (null while none has),
     * {@code end} when its last app had its outcome and what followed was acknowledged (null until then).
     * {@code requests} went to the API, retries included; {@code throttled} of them were answered 429.
     */
    public record AccountView(String name, Instant start, Instant end, Apps apps, long daysNotReported, long requests,
            long throttled, Pace pace, Records records, DeadLetters deadLetters) {
    }

    /** Planned apps by outcome; apps still on their way count in none of ok, failed and notAsked. */
    public record Apps(int planned, int ok, int failed, int notAsked) {
    }

    /**
     * The account's duration (so far, in flight) against the floor (N−1)/r seconds that its N apps
     * need at r requests per second; {@code ratio} is duration / floor, null when the floor is 0.
     */
    public record Pace(BigDecimal durationSeconds, BigDecimal floorSeconds, BigDecimal ratio) {
    }

    /** Records Kafka acknowledged, and those left out because Kafka already held the same content. */
    public record Records(long published, long unchanged) {
    }

    /** Dead letters Kafka acknowledged, in all and by their errorCode. */
    public record DeadLetters(long count, Map<String, Long> byErrorCode) {
    }
}
