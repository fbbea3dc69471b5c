package com.rtcusage.actuator;

import com.rtcusage.actuator.SweepsView.AccountView;
import com.rtcusage.actuator.SweepsView.Apps;
import com.rtcusage.actuator.SweepsView.DeadLetters;
import com.rtcusage.actuator.SweepsView.Pace;
import com.rtcusage.actuator.SweepsView.Records;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one account did in the running sweep, added up as the events of its apps arrive, from as
 * many threads as the sweep runs apps on. Every event carries the time it happened, so the tally
 * is plain arithmetic over what it was told.
 */
final class AccountTally {

    /** An app's outcome so far; the later in this order wins (an answered app may still fail). */
    private enum Outcome { OK, NOT_ASKED, FAILED }

    private final String name;
    private final int appsPlanned;
    private final int requestsPerSecond;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> firstRequest = new AtomicReference<>();
    private final AtomicReference<Instant> lastEvent = new AtomicReference<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder daysNotReported = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();

    AccountTally(String name, int appsPlanned, int requestsPerSecond) {
        this.name = name;
        this.appsPlanned = appsPlanned;
        this.requestsPerSecond = requestsPerSecond;
    }

    void requestSent(Instant at) {
        firstRequest.accumulateAndGet(at, (before, now) -> before == null || now.isBefore(before) ? now : before);
        requests.increment();
        happened(at);
    }

    void throttled(Instant at) {
        throttled.increment();
        happened(at);
    }

    void answered(String appId, int notReported, Instant at) {
        daysNotReported.add(notReported);
        reached(appId, Outcome.OK, at);
    }

    void notAsked(String appId, Instant at) {
        reached(appId, Outcome.NOT_ASKED, at);
    }

    void unpublished(String appId, Instant at) {
        reached(appId, Outcome.FAILED, at);
    }

    void deadLettered(String appId, String errorCode, Instant at) {
        deadLetters.computeIfAbsent(errorCode, code -> new LongAdder()).increment();
        reached(appId, Outcome.FAILED, at);
    }

    void published(Instant at) {
        published.increment();
        happened(at);
    }

    void unchanged(Instant at) {
        unchanged.increment();
        happened(at);
    }

    /**
     * The account as it stands at {@code now}. It has ended once every planned app has its outcome,
     * or once the sweep is over; its end is the last thing that happened to it.
     */
    AccountView view(Instant now, boolean sweepOver) {
        Collection<Outcome> reached = outcomes.values();
        int ok = count(reached, Outcome.OK);
        int failed = count(reached, Outcome.FAILED);
        int notAsked = count(reached, Outcome.NOT_ASKED);
        Instant last = lastEvent.get();
        Instant end = sweepOver || reached.size() >= appsPlanned ? (last == null ? now : last) : null;
        Map<String, Long> byErrorCode = new TreeMap<>();
        deadLetters.forEach((code, count) -> byErrorCode.put(code, count.sum()));
        return new AccountView(name, firstRequest.get(), end, new Apps(appsPlanned, ok, failed, notAsked),
                daysNotReported.sum(), requests.sum(), throttled.sum(), pace(end == null ? now : end),
                new Records(published.sum(), unchanged.sum()),
                new DeadLetters(byErrorCode.values().stream().mapToLong(Long::longValue).sum(),
                        Collections.unmodifiableMap(byErrorCode)));
    }

    /** Duration from the first request to {@code until}, against the floor (N−1)/r s of N apps at r per second. */
    private Pace pace(Instant until) {
        BigDecimal floor = BigDecimal.valueOf(appsPlanned - 1L).divide(BigDecimal.valueOf(requestsPerSecond), 3,
                RoundingMode.HALF_EVEN);
        Instant start = firstRequest.get();
        if (start == null) {
            return new Pace(null, floor, null);
        }
        BigDecimal duration = BigDecimal.valueOf(Duration.between(start, until).toMillis(), 3);
        BigDecimal ratio = floor.signum() == 0 ? null : duration.divide(floor, 2, RoundingMode.HALF_EVEN);
        return new Pace(duration, floor, ratio);
    }

    private void reached(String appId, Outcome outcome, Instant at) {
        outcomes.merge(appId, outcome, (before, now) -> before.compareTo(now) >= 0 ? before : now);
        happened(at);
    }

    private void happened(Instant at) {
        lastEvent.accumulateAndGet(at, (before, now) -> before == null || now.isAfter(before) ? now : before);
    }

    private static int count(Collection<Outcome> outcomes, Outcome wanted) {
        return (int) outcomes.stream().filter(wanted::equals).count();
    }
}
