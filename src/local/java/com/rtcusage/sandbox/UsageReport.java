package com.rtcusage.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The days a ListUsages answer carries: the Beijing days starting inside [StartTime, EndTime), with
 * figures as far as the data delay lets the API know them, shaped as the {@link AnswerShape} says
 * (days left out, a day repeated, newest first).
 */
final class UsageReport {

    private final Duration dataDelay;

    UsageReport(Duration dataDelay) {
        this.dataDelay = dataDelay;
    }

    /**
     * @param faults {@code extraDayOutsideWindow} also reports the last day starting before StartTime;
     *     {@code unprocessableFirstDay} reports the first day of the window with Audio = -1;
     *     {@code unprocessableDayOutsideWindow} also reports the day before StartTime with Audio = -1
     *     (faults, to test the client)
     */
    List<UsageEntry> entries(UsageQuery query, Instant now, SandboxFaults faults, AnswerShape shape) {
        Instant start = query.startTime().toInstant();
        Instant end = query.endTime().toInstant();
        Instant cutoff = now.minus(dataDelay);
        LocalDate first = query.startTime().atZoneSameInstant(SyntheticUsage.BEIJING).toLocalDate();
        if (SyntheticUsage.startOf(first).isBefore(start)) {
            first = first.plusDays(1);
        }
        List<UsageEntry> entries = new ArrayList<>();
        if (faults.extraDayOutsideWindow()) {
            entries.add(entry(query.appId(), first.minusDays(1), cutoff));
        }
        if (faults.unprocessableDayOutsideWindow()) {
            entries.add(withNegativeAudio(entry(query.appId(), first.minusDays(1), cutoff)));
        }
        for (LocalDate day = first; SyntheticUsage.startOf(day).isBefore(end); day = day.plusDays(1)) {
            boolean noFiguresYet = !cutoff.isAfter(SyntheticUsage.startOf(day));
            if (shape.currentDayLeftOut() && noFiguresYet
                    || shape.idleDaysLeftOut() && SyntheticUsage.idle(query.appId(), day)) {
                continue;
            }
            UsageEntry entry = entry(query.appId(), day, cutoff);
            entries.add(faults.unprocessableFirstDay() && day.equals(first) ? withNegativeAudio(entry) : entry);
        }
        if (shape.newestFirst()) {
            Collections.reverse(entries);
        }
        if (shape.dayRepeated()) {
            repeatNewestDayWithFigures(entries);
        }
        return entries;
    }

    /**
     * Puts a lower report of the newest day with figures just before its real entry, in whatever
     * order the entries are: the later of the two is the one that counts.
     */
    private static void repeatNewestDayWithFigures(List<UsageEntry> entries) {
        int newest = -1;
        for (int i = 0; i < entries.size(); i++) {
            UsageEntry entry = entries.get(i);
            if (!entry.figures().equals(DailyFigures.ZERO)
                    && (newest < 0 || entry.day().isAfter(entries.get(newest).day()))) {
                newest = i;
            }
        }
        if (newest >= 0) {
            UsageEntry real = entries.get(newest);
            entries.add(newest, new UsageEntry(real.day(), real.figures().portion(1, 2)));
        }
    }

    private static UsageEntry entry(String appId, LocalDate day, Instant cutoff) {
        return new UsageEntry(day, SyntheticUsage.reportedAt(appId, day, cutoff));
    }

    private static UsageEntry withNegativeAudio(UsageEntry entry) {
        DailyFigures real = entry.figures();
        return new UsageEntry(entry.day(), new DailyFigures(-1, real.video360p(), real.video720p(), real.video1080p()));
    }
}
