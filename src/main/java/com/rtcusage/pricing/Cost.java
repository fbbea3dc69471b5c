package com.rtcusage.pricing;

import java.math.BigDecimal;

/** What one app-day cost, per tier and in total, each rounded to {@link CostCalculator#SCALE} digits. */
public record Cost(String currency, BigDecimal audio, BigDecimal video360p, BigDecimal video720p,
        BigDecimal video1080p, BigDecimal total) {
}
