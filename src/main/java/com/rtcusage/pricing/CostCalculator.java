package com.rtcusage.pricing;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.config.RtcUsageProperties.Account;
import com.rtcusage.config.RtcUsageProperties.AccountPricing;
import com.rtcusage.config.RtcUsageProperties.PriceBook;
import com.rtcusage.config.RtcUsageProperties.Pricing;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.usage.WindowPlanner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Prices one app-day from the book in force on that day, in its account's own books when it has
 * them, else in {@code rtc-usage.pricing}: {@code minutes × price / unit-minutes} per tier, rounded
 * HALF_EVEN at the 6th fraction digit; the total is the sum of the rounded tiers. Decimal arithmetic
 * only, so a bill never depends on binary floating point.
 */
@Component(FlowNames.COST_CALCULATOR)
public class CostCalculator {

    /** Fraction digits of every amount in a record. */
    public static final int SCALE = 6;

    private final PriceBooks globalBooks;
    private final Map<String, PriceBooks> booksByAccount = new HashMap<>();

    public CostCalculator(RtcUsageProperties properties, WindowPlanner windows) {
        Pricing global = properties.pricing();
        LocalDate firstDay = windows.current().firstDay();
        this.globalBooks = new PriceBooks("rtc-usage.pricing", global.currency(), global.unitMinutes(), global.books());
        globalBooks.requireCoverageFrom(firstDay);
        List<Account> accounts = Objects.requireNonNullElse(properties.accounts(), List.of());
        for (int i = 0; i < accounts.size(); i++) {
            AccountPricing own = accounts.get(i).pricing();
            if (own != null) {
                PriceBooks books = new PriceBooks("rtc-usage.accounts[" + i + "].pricing",
                        Objects.requireNonNullElse(own.currency(), global.currency()),
                        Objects.requireNonNullElse(own.unitMinutes(), global.unitMinutes()), own.books());
                books.requireCoverageFrom(firstDay);
                booksByAccount.put(accounts.get(i).name(), books);
            }
        }
    }

    /** The currency the account's days are priced in: its own books' or the global one. */
    public String currencyOf(String account) {
        return booksByAccount.getOrDefault(account, globalBooks).currency();
    }

    /** The cost of the day in its account's books; {@code cost.book} names the book that priced it. */
    public PricedUsage price(DailyUsage usage) {
        PriceBooks books = booksByAccount.getOrDefault(usage.account(), globalBooks);
        PriceBook book = books.inForceOn(usage.day());
        TierMinutes minutes = usage.minutes();
        BigDecimal audio = tier(minutes.audio(), book.audio(), books);
        BigDecimal video360p = tier(minutes.video360p(), book.video360p(), books);
        BigDecimal video720p = tier(minutes.video720p(), book.video720p(), books);
        BigDecimal video1080p = tier(minutes.video1080p(), book.video1080p(), books);
        BigDecimal total = audio.add(video360p).add(video720p).add(video1080p);
        return new PricedUsage(usage, new Cost(books.currency(), audio, video360p, video720p, video1080p, total,
                book.effectiveFrom().toString()));
    }

    private static BigDecimal tier(long minutes, BigDecimal price, PriceBooks books) {
        return BigDecimal.valueOf(minutes).multiply(price).divide(books.unitMinutes(), SCALE, RoundingMode.HALF_EVEN);
    }
}
