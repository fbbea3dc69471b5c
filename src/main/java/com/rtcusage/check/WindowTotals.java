package com.rtcusage.check;

import com.rtcusage.pricing.CostCalculator;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.usage.UsageWindow;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one answer reported for the days its request planned: how many days, the minutes of each tier
 * and the cost, summed over those days (each day priced and rounded as its record would be).
 *
 * @param window the days the request asked for
 * @param daysReported planned days the answer had an entry for
 * @param minutes minutes per tier over those days
 * @param currency the currency of the cost
 * @param cost the sum of the days' totals
 */
public record WindowTotals(UsageWindow window, int daysReported, TierMinutes minutes, String currency, BigDecimal cost) {

    /** Sums the priced days of one answer; {@code currency} stands in when it reported none. */
    public static WindowTotals of(UsageWindow window, List<PricedUsage> days, String currency) {
        long audio = 0;
        long video360p = 0;
        long video720p = 0;
        long video1080p = 0;
        BigDecimal cost = BigDecimal.ZERO.setScale(CostCalculator.SCALE);
        for (PricedUsage day : days) {
            TierMinutes minutes = day.usage().minutes();
            audio += minutes.audio();
            video360p += minutes.video360p();
            video720p += minutes.video720p();
            video1080p += minutes.video1080p();
            cost = cost.add(day.cost().total());
        }
        String priced = days.isEmpty() ? currency : days.get(0).cost().currency();
        return new WindowTotals(window, days.size(), new TierMinutes(audio, video360p, video720p, video1080p), priced, cost);
    }

    /** E.g. {@code 3 of 3 days reported (2026-11-24..2026-11-26); minutes audio 10, video360p 20, ...; cost USD 1.230000}. */
    public String text() {
        long total = minutes.audio() + minutes.video360p() + minutes.video720p() + minutes.video1080p();
        return daysReported + " of " + window.days() + " days reported (" + window.firstDay() + ".."
                + window.endDay().minusDays(1) + "); minutes audio " + minutes.audio() + ", video360p " + minutes.video360p()
                + ", video720p " + minutes.video720p() + ", video1080p " + minutes.video1080p() + " (total " + total
                + "); cost " + currency + " " + cost.toPlainString();
    }
}
