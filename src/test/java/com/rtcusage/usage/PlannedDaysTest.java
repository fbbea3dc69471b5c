package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.wire.WireJson;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which entries of an answer the planned window keeps, judged by their day before anything else of them is read. */
class PlannedDaysTest {

    private static final UsageWindow WINDOW = new UsageWindow(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 27));
    private final PlannedDays plannedDays = new PlannedDays();

    @Test
    void keepsTheDaysOfTheWindow() throws Exception {
        assertThat(plannedDays.isPlanned(entry("2026-11-24T00:00:00+08:00", 1), WINDOW)).isTrue();
        assertThat(plannedDays.isPlanned(entry("2026-11-26T00:00:00+08:00", 1), WINDOW)).isTrue();
    }

    @Test
    void ignoresDaysOutsideTheWindowEvenWhenTheyAreMalformed() throws Exception {
        assertThat(plannedDays.isPlanned(entry("2026-11-23T00:00:00+08:00", 1), WINDOW)).isFalse();
        assertThat(plannedDays.isPlanned(entry("2026-11-27T00:00:00+08:00", 1), WINDOW)).isFalse();
        assertThat(plannedDays.isPlanned(entry("2026-11-23T00:00:00+08:00", -1), WINDOW)).isFalse();
    }

    /** An entry that names no day cannot be placed outside the window: the reader gets it, and dead-letters it. */
    @Test
    void keepsAnEntryWhoseTimeStampNamesNoDay() throws Exception {
        assertThat(plannedDays.isPlanned(entry("yesterday", 1), WINDOW)).isTrue();
        assertThat(plannedDays.isPlanned(new UsageEntry(new UsageRequest("prod", "app-1"), "r-1", Instant.EPOCH,
                WireJson.MAPPER.readTree("{\"Audio\":1}")), WINDOW)).isTrue();
    }

    private static UsageEntry entry(String timestamp, long audio) throws Exception {
        return new UsageEntry(new UsageRequest("prod", "app-1"), "r-1", Instant.EPOCH, WireJson.MAPPER.readTree(
                "{\"TimeStamp\":\"" + timestamp + "\",\"Audio\":" + audio + ",\"VideoSDM\":0,\"VideoSD\":0,\"VideoHD\":0}"));
    }
}
