package com.rtcusage.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The figures of one app on one Beijing day, as one answer reported them. {@code timestamp} is the
 * API's {@code TimeStamp} exactly as returned.
 */
public record DailyUsage(
        String account,
        String appId,
        LocalDate day,
        String timestamp,
        TierMinutes minutes,
        String requestId,
        Instant fetchedAt) {

    /** The API's figures lag this much behind real time. */
    public static final Duration DATA_DELAY = Duration.ofHours(8);

    /** Final once fetched at or after the end of that Beijing day plus the API's delay: figures can no longer change. */
    public boolean isFinal() {
        Instant settled = day.plusDays(1).atStartOfDay().toInstant(UsageWindow.BEIJING).plus(DATA_DELAY);
        return !fetchedAt.isBefore(settled);
    }

    /** Key of the compacted record topic: {@code <AppId>:<yyyy-MM-dd>}. */
    public String key() {
        return appId + ":" + day;
    }
}
