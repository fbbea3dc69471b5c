package com.rtcusage.pricing;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * What one app-day cost, per tier and in total, each rounded to {@link CostCalculator#SCALE}
 * digits. Records carry it as it is: amounts as decimal strings, never as JSON numbers that a
 * consumer could read into binary floating point.
 */
public record Cost(
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal audio,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video360p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video720p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video1080p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total) {
}
