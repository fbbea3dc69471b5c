package com.rtcusage.pricing;

import com.rtcusage.config.InvalidConfigurationException;
import com.rtcusage.config.RtcUsageProperties.PriceBook;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The configured price books by date: the book in force on a day is the latest one effective on or before it. */
public final class PriceBooks {

    private final NavigableMap<LocalDate, PriceBook> byEffectiveDate = new TreeMap<>();

    public PriceBooks(List<PriceBook> books) {
        books.forEach(book -> {
            if (byEffectiveDate.putIfAbsent(book.effectiveFrom(), book) != null) {
                throw new InvalidConfigurationException("rtc-usage.pricing.books",
                        "have two books effective from " + book.effectiveFrom());
            }
        });
    }

    public PriceBook inForceOn(LocalDate day) {
        Map.Entry<LocalDate, PriceBook> entry = byEffectiveDate.floorEntry(day);
        if (entry == null) {
            throw new IllegalArgumentException("no price book is in force on " + day);
        }
        return entry.getValue();
    }

    /** Fails start-up when a day the window can reach would have no price. */
    public void requireCoverageFrom(LocalDate firstDay) {
        if (byEffectiveDate.isEmpty() || byEffectiveDate.firstKey().isAfter(firstDay)) {
            throw new InvalidConfigurationException("rtc-usage.pricing.books",
                    "have no book in force on " + firstDay + ", the first day the window reaches"
                            + " (the earliest effective-from must be on or before it)");
        }
    }
}
