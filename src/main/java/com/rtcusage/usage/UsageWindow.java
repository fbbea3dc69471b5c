package com.rtcusage.usage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A run of whole Beijing days, {@code firstDay} included, {@code endDay} excluded. */
public record UsageWindow(LocalDate firstDay, LocalDate endDay) {

    /** The API's days start at Beijing midnight. */
    public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    /** How the API writes StartTime and EndTime, e.g. {@code 2026-11-01T00:00:00+08:00}. */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    public OffsetDateTime start() {
        return firstDay.atStartOfDay().atOffset(BEIJING);
    }

    public OffsetDateTime end() {
        return endDay.atStartOfDay().atOffset(BEIJING);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && day.isBefore(endDay);
    }

    public int days() {
        return (int) (endDay.toEpochDay() - firstDay.toEpochDay());
    }
}
