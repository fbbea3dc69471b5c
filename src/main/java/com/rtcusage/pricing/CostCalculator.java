package com.rtcusage.pricing;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.config.RtcUsageProperties.PriceBook;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.usage.WindowPlanner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Component;

/**
 * Prices one app-day from the book in force on that day: {@code minutes × price / unit-minutes}
 * per tier, rounded HALF_EVEN at the 6th fraction digit; the total is the sum of the rounded tiers.
 * Decimal arithmetic only, so a bill never depends on binary floating point.
 */
@Component(FlowNames.COST_CALCULATOR)
public class CostCalculator {

    /** Fraction digits of every amount in a record. */
    public static final int SCALE = 6;

    private final PriceBooks books;
    private final String currency;
    private final BigDecimal unitMinutes;

    public CostCalculator(RtcUsageProperties properties, WindowPlanner windows) {
        this.books = new PriceBooks(properties.pricing().books());
        this.currency = properties.pricing().currency();
        this.unitMinutes = BigDecimal.valueOf(properties.pricing().unitMinutes());
        books.requireCoverageFrom(windows.current().firstDay());
    }

    public PricedUsage price(DailyUsage usage) {
        PriceBook book = books.inForceOn(usage.day());
        TierMinutes minutes = usage.minutes();
        BigDecimal audio = tier(minutes.audio(), book.audio());
        BigDecimal video360p = tier(minutes.video360p(), book.video360p());
        BigDecimal video720p = tier(minutes.video720p(), book.video720p());
        BigDecimal video1080p = tier(minutes.video1080p(), book.video1080p());
        BigDecimal total = audio.add(video360p).add(video720p).add(video1080p);
        return new PricedUsage(usage, new Cost(currency, audio, video360p, video720p, video1080p, total));
    }

    private BigDecimal tier(long minutes, BigDecimal price) {
        return BigDecimal.valueOf(minutes).multiply(price).divide(unitMinutes, SCALE, RoundingMode.HALF_EVEN);
    }
}
