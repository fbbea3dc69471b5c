package com.rtcusage.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Chooses the days one sweep asks for: the last {@code days} Beijing days, today included. The
 * API looks back at most 30 days and spans at most 30 days, so the window is clamped to that;
 * it starts no later than today's Beijing midnight, so it never asks for a day that has not begun.
 */
public final class WindowPlanner {

    /** The API's lookback and its longest span, in days. */
    public static final int API_MAX_DAYS = 30;

    private WindowPlanner() {
    }

    public static UsageWindow plan(Instant now, int days) {
        int clamped = Math.max(1, Math.min(days, API_MAX_DAYS));
        LocalDate today = LocalDate.ofInstant(now, UsageWindow.BEIJING);
        return new UsageWindow(today.minusDays(clamped - 1L), today.plusDays(1));
    }
}
