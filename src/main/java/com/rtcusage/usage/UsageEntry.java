package com.rtcusage.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One element of {@code Result.Usages}, still raw, with the answer it came in.
 *
 * @param day the Beijing calendar day the entry is for, whatever offset its {@code TimeStamp} is
 *     written in; null when it has no RFC 3339 {@code TimeStamp} (parsed once: every step asks)
 */
public record UsageEntry(UsageRequest request, String requestId, Instant fetchedAt, JsonNode entry, LocalDate day) {

    public UsageEntry(UsageRequest request, String requestId, Instant fetchedAt, JsonNode entry) {
        this(request, requestId, fetchedAt, entry, dayOf(entry.path("TimeStamp").textValue()));
    }

    /** The API's {@code TimeStamp} exactly as returned, or null. */
    public String timestamp() {
        return entry.path("TimeStamp").textValue();
    }

    private static LocalDate dayOf(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).atZoneSameInstant(UsageWindow.BEIJING).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
