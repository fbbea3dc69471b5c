package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Figures are stable, plausible, different per app and day, and grow with the cutoff. */
class SyntheticUsageTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 19);

    @Test
    void givesTheSameFiguresEveryTime() {
        assertThat(SyntheticUsage.fullDay("app-a1", DAY)).isEqualTo(SyntheticUsage.fullDay("app-a1", DAY));
    }

    @Test
    void differsPerAppAndPerDay() {
        assertThat(SyntheticUsage.fullDay("app-a1", DAY)).isNotEqualTo(SyntheticUsage.fullDay("app-a2", DAY))
                .isNotEqualTo(SyntheticUsage.fullDay("app-a1", DAY.plusDays(1)));
    }

    @Test
    void staysWithinPlausibleRangesAndIsNeverZero() {
        IntStream.range(0, 400).forEach(i -> {
            DailyFigures figures = SyntheticUsage.fullDay("app-" + i % 7, DAY.minusDays(i));
            assertThat(figures.audio()).isBetween(2_000L, 20_000L);
            assertThat(figures.video360p()).isBetween(15_000L, 150_000L);
            assertThat(figures.video720p()).isBetween(2_000L, 20_000L);
            assertThat(figures.video1080p()).isBetween(1_500L, 15_000L);
        });
    }

    @Test
    void reportsTheShareOfTheDayBeforeTheCutoffRoundedDown() {
        DailyFigures full = SyntheticUsage.fullDay("app-a1", DAY);
        Instant start = Instant.parse("2026-11-18T16:00:00Z"); // 11-19 00:00 Beijing

        assertThat(SyntheticUsage.reportedAt("app-a1", DAY, start)).isEqualTo(DailyFigures.ZERO);
        assertThat(SyntheticUsage.reportedAt("app-a1", DAY, start.minusSeconds(1))).isEqualTo(DailyFigures.ZERO);
        assertThat(SyntheticUsage.reportedAt("app-a1", DAY, start.plusSeconds(6 * 3600)))
                .isEqualTo(new DailyFigures(full.audio() / 4, full.video360p() / 4, full.video720p() / 4,
                        full.video1080p() / 4));
        assertThat(SyntheticUsage.reportedAt("app-a1", DAY, start.plusSeconds(24 * 3600))).isEqualTo(full);
        assertThat(SyntheticUsage.reportedAt("app-a1", DAY, start.plusSeconds(48 * 3600))).isEqualTo(full);
    }

    @Test
    void neverShrinksAsTheCutoffMovesOn() {
        Instant start = SyntheticUsage.startOf(DAY);
        DailyFigures previous = DailyFigures.ZERO;
        for (int minute = 0; minute <= 24 * 60; minute += 37) {
            DailyFigures now = SyntheticUsage.reportedAt("app-a1", DAY, start.plusSeconds(minute * 60L));
            assertThat(now.audio()).isGreaterThanOrEqualTo(previous.audio());
            assertThat(now.video360p()).isGreaterThanOrEqualTo(previous.video360p());
            previous = now;
        }
    }
}
