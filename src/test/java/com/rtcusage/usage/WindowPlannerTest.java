package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.config.RtcUsageProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowPlannerTest {

    @Test
    void coversTheLastDaysUpToTheEndOfTodayInBeijing() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

        UsageWindow window = WindowPlanner.plan(clock.instant(), 30);

        assertThat(window.start()).hasToString("2026-10-28T00:00+08:00");
        assertThat(window.end()).hasToString("2026-11-27T00:00+08:00");
        assertThat(window.days()).isEqualTo(30);
    }

    @Test
    void beijingMidnightIsWhereTheDayTurnsNotUtcMidnight() {
        Instant justBefore = Instant.parse("2026-11-26T15:59:59Z"); // 23:59:59 in Beijing
        Instant justAfter = Instant.parse("2026-11-26T16:00:00Z");  // 00:00:00 next day in Beijing

        assertThat(WindowPlanner.plan(justBefore, 1).firstDay()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(WindowPlanner.plan(justAfter, 1).firstDay()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(WindowPlanner.plan(justAfter, 1).end()).hasToString("2026-11-28T00:00+08:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T15:59:59.999Z", "2026-11-26T16:00:00Z", "2026-02-28T23:00:00Z", "2026-12-31T16:30:00Z"})
    void neverReachesBeyondTheApiLookbackOrSpanNorIntoDaysNotBegun(String at) {
        Instant now = Instant.parse(at);

        UsageWindow window = WindowPlanner.plan(now, 30);

        assertThat(Duration.between(window.start(), window.end())).isLessThanOrEqualTo(Duration.ofDays(30));
        assertThat(window.start().toInstant()).as("still inside the look-back when it arrives a minute later")
                .isAfterOrEqualTo(now.plus(WindowPlanner.ARRIVAL_MARGIN).minus(Duration.ofDays(30)));
        assertThat(window.end().minusDays(1).toInstant()).isBeforeOrEqualTo(now);
        assertThat(window.contains(LocalDate.ofInstant(now, UsageWindow.BEIJING))).isTrue();
    }

    @Test
    void inTheLastMinuteBeforeBeijingMidnightAThirtyDayWindowStartsADayLater() {
        Instant lastMinute = Instant.parse("2026-11-26T15:59:30Z"); // 23:59:30 in Beijing
        Instant earlier = Instant.parse("2026-11-26T15:58:59Z");
        Instant midnight = Instant.parse("2026-11-26T16:00:00Z");

        assertThat(WindowPlanner.plan(earlier, 30).firstDay()).isEqualTo(LocalDate.of(2026, 10, 28));
        assertThat(WindowPlanner.plan(lastMinute, 30).firstDay()).isEqualTo(LocalDate.of(2026, 10, 29));
        assertThat(WindowPlanner.plan(lastMinute, 30).endDay()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(WindowPlanner.plan(midnight, 30).firstDay()).isEqualTo(LocalDate.of(2026, 10, 29));
        assertThat(WindowPlanner.plan(midnight, 30).days()).isEqualTo(30);
        assertThat(WindowPlanner.plan(lastMinute, 7).days()).as("a shorter window is far from the look-back").isEqualTo(7);
    }

    @Test
    void theCurrentWindowIsPlannedWhenAsked() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-26T15:59:00Z"));
        RtcUsageProperties properties = new RtcUsageProperties(null, null, null, null, false, false,
                new RtcUsageProperties.Window(3), java.util.List.of(), null, null);
        WindowPlanner planner = new WindowPlanner(properties, clock);

        assertThat(planner.current().endDay()).isEqualTo(LocalDate.of(2026, 11, 27));
        clock.now = Instant.parse("2026-11-26T16:00:01Z");
        assertThat(planner.current().endDay()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void clampsWindowsLongerThanTheApiAllows() {
        Instant now = Instant.parse("2026-11-26T03:00:00Z");

        assertThat(WindowPlanner.plan(now, 45).days()).isEqualTo(30);
        assertThat(WindowPlanner.plan(now, 0).days()).isEqualTo(1);
    }

    @Test
    void aDayIsFinalOnlyEightHoursAfterItsBeijingEnd() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        Instant settled = Instant.parse("2026-11-26T00:00:00Z"); // 2026-11-26T08:00+08:00

        assertThat(usageFetchedAt(day, settled.minusMillis(1)).isFinal()).isFalse();
        assertThat(usageFetchedAt(day, settled).isFinal()).isTrue();
    }

    private static DailyUsage usageFetchedAt(LocalDate day, Instant fetchedAt) {
        return new DailyUsage("prod", "app", day, day + "T00:00:00+08:00", new TierMinutes(1, 2, 3, 4), "req", fetchedAt);
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
