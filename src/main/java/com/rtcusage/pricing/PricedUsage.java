package com.rtcusage.pricing;

import com.rtcusage.usage.DailyUsage;

/** An app-day with its cost, ready to become a record. */
public record PricedUsage(DailyUsage usage, Cost cost) {
}
