package com.rtcusage.pricing;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * What one app-day cost, per tier and in total, each rounded to {@link CostCalculator#SCALE}
 * digits, and the book that priced it. Records carry it as it is: amounts as decimal strings, never
 * as JSON numbers that a consumer could read into binary floating point.
 *
 * @param book effective-from ({@code yyyy-MM-dd}) of the book in force on the day, in the account's own
 *     books when it has them: with the record's {@code account} it names the book exactly
 */
public record Cost(
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal audio,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video360p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video720p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal video1080p,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        String book) {
}
