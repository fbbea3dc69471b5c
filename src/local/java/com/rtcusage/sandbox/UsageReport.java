package com.rtcusage.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a ListUsages answer carries: every Beijing day starting inside [StartTime, EndTime), in
 * date order, with figures as far as the data delay lets the API know them.
 */
final class UsageReport {

    private final Duration dataDelay;

    UsageReport(Duration dataDelay) {
        this.dataDelay = dataDelay;
    }

    /**
     * @param extraDayBefore also report the last day starting before StartTime (a fault, to test the client)
     * @param negativeFirstDay report the first day starting inside the window with Audio = -1 (a fault, to
     *     test the client)
     */
    List<UsageEntry> entries(UsageQuery query, Instant now, boolean extraDayBefore, boolean negativeFirstDay) {
        Instant start = query.startTime().toInstant();
        Instant end = query.endTime().toInstant();
        Instant cutoff = now.minus(dataDelay);
        LocalDate first = query.startTime().atZoneSameInstant(SyntheticUsage.BEIJING).toLocalDate();
        if (SyntheticUsage.startOf(first).isBefore(start)) {
            first = first.plusDays(1);
        }
        List<UsageEntry> entries = new ArrayList<>();
        if (extraDayBefore) {
            entries.add(entry(query.appId(), first.minusDays(1), cutoff));
        }
        for (LocalDate day = first; SyntheticUsage.startOf(day).isBefore(end); day = day.plusDays(1)) {
            UsageEntry entry = entry(query.appId(), day, cutoff);
            entries.add(negativeFirstDay && day.equals(first) ? withNegativeAudio(entry) : entry);
        }
        return entries;
    }

    private static UsageEntry entry(String appId, LocalDate day, Instant cutoff) {
        return new UsageEntry(day, SyntheticUsage.reportedAt(appId, day, cutoff));
    }

    private static UsageEntry withNegativeAudio(UsageEntry entry) {
        DailyFigures real = entry.figures();
        return new UsageEntry(entry.day(), new DailyFigures(-1, real.video360p(), real.video720p(), real.video1080p()));
    }
}
