package com.rtcusage.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The API's per-access-key flow control: at most N requests in any 1-second sliding window. Every
 * arrival counts, refused or not, so a client that keeps hammering stays refused.
 */
final class SlidingWindowLimiter {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final int permitsPerWindow;
    private final Map<String, Deque<Long>> arrivalsByKey = new HashMap<>();

    SlidingWindowLimiter(int permitsPerWindow) {
        this.permitsPerWindow = permitsPerWindow;
    }

    /**
     * Counts an arrival of {@code key} at {@code nanos} ({@link System#nanoTime()}, non-decreasing
     * per key); true when it is within the limit. Arrivals exactly one second apart do not overlap.
     */
    synchronized boolean admit(String key, long nanos) {
        Deque<Long> arrivals = arrivalsByKey.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        while (!arrivals.isEmpty() && nanos - arrivals.peekFirst() >= WINDOW_NANOS) {
            arrivals.removeFirst();
        }
        arrivals.addLast(nanos);
        return arrivals.size() <= permitsPerWindow;
    }
}
