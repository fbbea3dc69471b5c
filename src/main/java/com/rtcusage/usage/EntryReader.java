package com.rtcusage.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.flow.FlowNames;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Checks one raw day entry and turns it into a {@link DailyUsage}. */
@Component(FlowNames.ENTRY_READER)
public class EntryReader {

    /** Whole, non-negative minutes in every tier and an RFC 3339 {@code TimeStamp}, or an unprocessable entry. */
    public DailyUsage read(UsageEntry raw) {
        String timestamp = raw.timestamp();
        if (timestamp == null) {
            throw new UnprocessableEntryException(raw, "has no TimeStamp");
        }
        LocalDate day = raw.day();
        if (day == null) {
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
