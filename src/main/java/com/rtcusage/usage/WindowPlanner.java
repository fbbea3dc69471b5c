package com.rtcusage.usage;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Chooses the days a request asks for: the last {@code rtc-usage.window.days} Beijing days, today
 * included, planned for each attempt as it leaves. The API spans at most 30 days and refuses a
 * StartTime more than 30 days before the request arrives, so the window starts late enough for an
 * arrival up to {@link #ARRIVAL_MARGIN} after planning (in the last minute before Beijing midnight
 * a 30-day window starts one day later). It never asks for a day that has not begun. The only
 * place that turns a moment and the configured days into a window.
 */
@Component(FlowNames.WINDOW_PLANNER)
public class WindowPlanner {

    /** The API's look-back and its longest span, in days. */
    public static final int API_MAX_DAYS = 30;
    /** Longest time from planning a window to its request reaching the API (signing, network, clock skew). */
    static final Duration ARRIVAL_MARGIN = Duration.ofMinutes(1);

    private final int days;
    private final Clock clock;

    public WindowPlanner(RtcUsageProperties properties, Clock clock) {
        this.days = properties.window().days();
        this.clock = clock;
    }

    /** The window of a request leaving now. */
    public UsageWindow current() {
        return plan(clock.instant(), days);
    }

    /** The oldest day the API can still return at {@code now}: what is older needs no memory. */
    public static LocalDate oldestReachableDay(Instant now) {
        return plan(now, API_MAX_DAYS).firstDay();
    }

    /** The last {@code days} Beijing days at {@code now}, shortened at the start where the look-back would refuse them on arrival. */
    public static UsageWindow plan(Instant now, int days) {
        int clamped = Math.max(1, Math.min(days, API_MAX_DAYS));
        LocalDate today = LocalDate.ofInstant(now, UsageWindow.BEIJING);
        LocalDate firstDay = today.minusDays(clamped - 1L);
        Instant oldestStartOnArrival = now.plus(ARRIVAL_MARGIN).minus(Duration.ofDays(API_MAX_DAYS));
        if (firstDay.atStartOfDay().toInstant(UsageWindow.BEIJING).isBefore(oldestStartOnArrival)) {
            firstDay = firstDay.plusDays(1);
        }
        return new UsageWindow(firstDay, today.plusDays(1));
    }
}
