package com.rtcusage.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/** Checks one raw day entry and turns it into a {@link DailyUsage}. */
@Component("dailyUsages")
public class DailyUsages {

    /** Whole, non-negative minutes in every tier and an RFC 3339 {@code TimeStamp}, or an unprocessable entry. */
    public DailyUsage parse(UsageEntry raw) {
        JsonNode entry = raw.entry();
        String timestamp = entry.path("TimeStamp").textValue();
        if (timestamp == null) {
            throw new UnprocessableEntryException(raw, "has no TimeStamp");
        }
        LocalDate day;
        try {
            day = OffsetDateTime.parse(timestamp).atZoneSameInstant(UsageWindow.BEIJING).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new UnprocessableEntryException(raw, "has TimeStamp \"" + timestamp + "\", not RFC 3339");
        }
        TierMinutes minutes = new TierMinutes(
                minutes(raw, "Audio"), minutes(raw, "VideoSDM"), minutes(raw, "VideoSD"), minutes(raw, "VideoHD"));
        UsageRequest request = raw.request();
        return new DailyUsage(request.account(), request.appId(), day, timestamp, minutes, raw.requestId(), raw.fetchedAt());
    }

    private static long minutes(UsageEntry raw, String tier) {
        JsonNode value = raw.entry().get(tier);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new UnprocessableEntryException(raw, "has " + tier + " = " + value + ", not a whole number of minutes >= 0");
        }
        return value.longValue();
    }
}
