package com.rtcusage.usage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A run of whole Beijing days, {@code firstDay} included, {@code endDay} excluded. */
public record UsageWindow(LocalDate firstDay, LocalDate endDay) {

    /** The API's days start at Beijing midnight. */
    public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

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
