package com.rtcusage.actuator;

import com.rtcusage.actuator.SweepsView.SweepView;
import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.sweep.SweepListener;
import com.rtcusage.sweep.SweepSummary;
import com.rtcusage.usage.AccountSweep;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the sweep in flight, account by account, and the last completed one, from the events the
 * sweep tells its listeners. Sweeps never overlap, so there is at most one in flight.
 */
@Component
public class SweepHistory implements SweepListener {

    /** The running sweep's tallies by account, in the order of the configuration. */
    private record Running(Instant start, Map<String, AccountTally> accounts) {
    }

    /** Both halves replaced together, so a reader never sees one sweep as in flight and completed at once. */
    private record State(Running running, SweepView lastCompleted) {
    }

    private final Clock clock;
    private final SweepGate gate;
    private final int requestsPerSecond;
    private volatile State state = new State(null, null);

    @Autowired
    public SweepHistory(Clock clock, SweepGate gate, RtcUsageProperties properties) {
        this(clock, gate, properties.rateLimit().requestsPerSecond());
    }

    SweepHistory(Clock clock, SweepGate gate, int requestsPerSecond) {
        this.clock = clock;
        this.gate = gate;
        this.requestsPerSecond = requestsPerSecond;
    }

    /** The last completed sweep and the one in flight, as they stand now. */
    public SweepsView view() {
        State now = state;
        Running running = now.running();
        SweepView inFlight = running == null ? null
                : view(running, null, gate.closedFor().map(SweepGate.Reason::text).orElse(null));
        return new SweepsView(now.lastCompleted(), inFlight);
    }

    @Override
    public void started(List<AccountSweep> plan) {
        Map<String, AccountTally> accounts = new LinkedHashMap<>();
        plan.forEach(account -> accounts.put(account.account(),
                new AccountTally(account.account(), account.requests().size(), requestsPerSecond)));
        state = new State(new Running(clock.instant(), Collections.unmodifiableMap(accounts)),
                state.lastCompleted());
    }

    @Override
    public void requestSent(String account) {
        tell(account, tally -> tally.requestSent(clock.instant()));
    }

    @Override
    public void throttled(String account) {
        tell(account, tally -> tally.throttled(clock.instant()));
    }

    @Override
    public void answered(String account, String appId, int daysNotReported) {
        tell(account, tally -> tally.answered(appId, daysNotReported, clock.instant()));
    }

    @Override
    public void notAsked(String account, String appId) {
        tell(account, tally -> tally.notAsked(appId, clock.instant()));
    }

    @Override
    public void unpublished(String account, String appId) {
        tell(account, tally -> tally.unpublished(appId, clock.instant()));
    }

    @Override
    public void deadLettered(String account, String appId, String reason) {
        tell(account, tally -> tally.deadLettered(appId, reason, clock.instant()));
    }

    @Override
    public void published(PricedUsage usage) {
        tell(usage.usage().account(), tally -> tally.published(clock.instant()));
    }

    @Override
    public void unchanged(String account) {
        tell(account, tally -> tally.unchanged(clock.instant()));
    }

    @Override
    public void finished(SweepSummary summary) {
        State now = state;
        if (now.running() != null) {
            state = new State(null, view(now.running(), clock.instant(), summary.stoppedBy()));
        }
    }

    private SweepView view(Running running, Instant end, String stoppedBy) {
        Instant now = end == null ? clock.instant() : end;
        return new SweepView(running.start(), end, stoppedBy,
                running.accounts().values().stream().map(tally -> tally.view(now, end != null)).toList());
    }

    /** Events of an account this sweep did not plan (none in practice), or outside a sweep, are not counted. */
    private void tell(String account, Consumer<AccountTally> event) {
        Optional.ofNullable(state.running()).map(running -> running.accounts().get(account)).ifPresent(event);
    }
}
