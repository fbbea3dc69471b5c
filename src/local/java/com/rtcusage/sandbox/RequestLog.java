package com.rtcusage.sandbox;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every request the sandbox answered, in arrival order even when slow answers finish out of order,
 * so tests can check what the client sent and how fast.
 */
final class RequestLog {

    private final ConcurrentSkipListMap<Long, RecordedRequest> bySequence = new ConcurrentSkipListMap<>();

    void add(long sequence, RecordedRequest request) {
        bySequence.put(sequence, request);
    }

    List<RecordedRequest> snapshot() {
        return List.copyOf(bySequence.values());
    }

    void clear() {
        bySequence.clear();
    }
}
