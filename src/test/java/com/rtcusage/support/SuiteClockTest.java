package com.rtcusage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SuiteClockTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void aTimeOfDayIsThatTimeInBeijingTodayAndRunsOn() {
        Clock clock = SuiteClock.fromProperty("00:30");

        Instant read = clock.instant();
        assertThat(read.atZone(BEIJING).toLocalDate()).isEqualTo(LocalDate.now(BEIJING));
        assertThat(Duration.between(LocalTime.of(0, 30), read.atZone(BEIJING).toLocalTime())).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    void anInstantIsTakenAsIs() {
        Instant read = SuiteClock.fromProperty("2026-11-26T16:30:00Z").instant();

        assertThat(Duration.between(Instant.parse("2026-11-26T16:30:00Z"), read)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    void noValueIsTheRealClock() {
        assertThat(SuiteClock.fromProperty(null)).isEqualTo(Clock.systemUTC());
        assertThat(SuiteClock.fromProperty(" ")).isEqualTo(Clock.systemUTC());
    }
}
