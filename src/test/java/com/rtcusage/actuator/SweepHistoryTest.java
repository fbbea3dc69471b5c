package com.rtcusage.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.actuator.SweepsView.AccountView;
import com.rtcusage.actuator.SweepsView.SweepView;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.sweep.SweepSummary;
import com.rtcusage.support.MovableClock;
import com.rtcusage.usage.AccountSweep;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
    private static final List<AccountSweep> PLAN = List.of(
            new AccountSweep("prod", List.of(new UsageRequest("prod", "app-1"), new UsageRequest("prod", "app-2"))),
            new AccountSweep("test", List.of(new UsageRequest("test", "app-3"))));

    private final MovableClock clock = new MovableClock(T0);
    private final SweepGate gate = new SweepGate();
    private final SweepHistory history = new SweepHistory(clock, gate, 2);

    @Test
    void nothingBeforeTheFirstSweepAndEventsOutsideASweepAreNotCounted() {
        history.requestSent("prod");

        assertThat(history.view()).isEqualTo(new SweepsView(null, null));
    }

    @Test
    void aSweepIsInFlightUntilItFinishesThenItIsTheLastCompletedOne() {
        history.started(PLAN);
        clock.advance(Duration.ofMillis(100));
        history.requestSent("prod");
        history.requestSent("unplanned");
        clock.advance(Duration.ofMillis(400));

        SweepsView during = history.view();

        assertThat(during.lastCompleted()).isNull();
        assertThat(during.inFlight().start()).isEqualTo(T0);
        assertThat(during.inFlight().end()).isNull();
        assertThat(during.inFlight().accounts()).extracting(AccountView::name).containsExactly("prod", "test");
        assertThat(during.inFlight().accounts().get(0).requests()).isEqualTo(1);
        assertThat(during.inFlight().accounts().get(0).pace().durationSeconds()).isEqualByComparingTo("0.4");

        history.answered("prod", "app-1", 0);
        history.answered("prod", "app-2", 0);
        history.notAsked("test", "app-3");
        clock.advance(Duration.ofMillis(500));
        history.finished(summary(null));

        SweepsView after = history.view();
        assertThat(after.inFlight()).isNull();
        SweepView last = after.lastCompleted();
        assertThat(last.end()).isEqualTo(T0.plusSeconds(1));
        assertThat(last.accounts().get(0).end()).isEqualTo(T0.plusMillis(500));
        assertThat(last.accounts().get(1).apps().notAsked()).isEqualTo(1);

        history.started(PLAN);
        assertThat(history.view().lastCompleted()).isSameAs(last);
        assertThat(history.view().inFlight().accounts().get(0).requests()).isZero();
    }

    @Test
    void aStopShowsInFlightAtOnceAndTheCompletedSweepKeepsTheReasonItWasGiven() {
        history.started(PLAN);
        gate.close(SweepGate.Reason.SHUTTING_DOWN);

        assertThat(history.view().inFlight().stoppedBy()).isEqualTo("the service is shutting down");

        history.finished(summary("the service is shutting down"));
        assertThat(history.view().lastCompleted().stoppedBy()).isEqualTo("the service is shutting down");
        assertThat(history.view().lastCompleted().accounts()).allSatisfy(account -> assertThat(account.end()).isNotNull());
    }

    private static SweepSummary summary(String stoppedBy) {
        return new SweepSummary(3, 0, 0, 0, 1, 0, 0, 0, 0, Duration.ofSeconds(1), 0, stoppedBy);
    }
}
