package com.rtcusage.pricing;

import com.rtcusage.config.InvalidConfigurationException;
import com.rtcusage.config.RtcUsageProperties.PriceBook;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One set of price books (the global {@code rtc-usage.pricing} or an account's own) with its currency
 * and the minutes a price is for: the book in force on a day is the latest one effective on or before it.
 * Built at start-up, so a duplicate date or a day without a book stops start-up naming {@code key}.
 */
public final class PriceBooks {

    private final String key;
    private final String currency;
    private final BigDecimal unitMinutes;
    private final NavigableMap<LocalDate, PriceBook> byEffectiveDate = new TreeMap<>();

    /** {@code key} is where the books are configured, e.g. {@code rtc-usage.accounts[1].pricing}. */
    public PriceBooks(String key, String currency, int unitMinutes, List<PriceBook> books) {
        this.key = key;
        this.currency = currency;
        this.unitMinutes = BigDecimal.valueOf(unitMinutes);
        books.forEach(book -> {
            if (byEffectiveDate.putIfAbsent(book.effectiveFrom(), book) != null) {
                throw new InvalidConfigurationException(key + ".books", "have two books effective from " + book.effectiveFrom());
            }
        });
    }

    public PriceBook inForceOn(LocalDate day) {
        Map.Entry<LocalDate, PriceBook> entry = byEffectiveDate.floorEntry(day);
        if (entry == null) {
            throw new IllegalArgumentException("no price book of " + key + " is in force on " + day);
        }
        return entry.getValue();
    }

    public String currency() {
        return currency;
    }

    public BigDecimal unitMinutes() {
        return unitMinutes;
    }

    /** Fails start-up when a day the window can reach would have no price. */
    public void requireCoverageFrom(LocalDate firstDay) {
        if (byEffectiveDate.isEmpty() || byEffectiveDate.firstKey().isAfter(firstDay)) {
            throw new InvalidConfigurationException(key + ".books",
                    "have no book in force on " + firstDay + ", the first day the window reaches"
                            + " (the earliest effective-from must be on or before it)");
        }
    }
}
